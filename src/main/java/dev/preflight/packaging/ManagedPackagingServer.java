package dev.preflight.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaging server as a child process: started for a check, healthy before use, and always
 * stopped after (gracefully, then by force), whatever happened in between.
 */
public final class ManagedPackagingServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagedPackagingServer.class);
    private static final int KEPT_LINES = 200;

    private final Process process;
    private final Duration stopGrace;
    private final @Nullable Path pidFile;
    private final Deque<String> lastLines = new ConcurrentLinkedDeque<>();

    private ManagedPackagingServer(Process process, Duration stopGrace, @Nullable Path pidFile) {
        this.process = process;
        this.stopGrace = stopGrace;
        this.pidFile = pidFile;
        LeftoverServer.record(pidFile, process);
        Thread.ofVirtual().name("packaging-server-output").start(this::drainOutput);
    }

    /**
     * Starts the configured command (with {@code javaHome}'s java first on the PATH and as
     * JAVA_HOME) and waits until the server's health is UP.
     */
    public static ManagedPackagingServer start(
            PackagingProperties.Managed managed, @Nullable Path javaHome, PackagingClient client) {
        if (managed.command().isEmpty()) {
            throw new IllegalArgumentException("preflight.packaging.managed.command is empty");
        }
        List<String> command = new ArrayList<>(managed.command());
        if (javaHome != null && command.getFirst().equals("java")) {
            command.set(0, javaHome.resolve("bin").resolve("java").toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (managed.workingDirectory() != null) {
            builder.directory(managed.workingDirectory().toFile());
        }
        if (javaHome != null) {
            builder.environment().put("JAVA_HOME", javaHome.toString());
            builder.environment()
                    .put(
                            "PATH",
                            javaHome.resolve("bin")
                                    + java.io.File.pathSeparator
                                    + builder.environment().getOrDefault("PATH", ""));
        }
        LeftoverServer.stop(managed.pidFile(), managed.stopGrace());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "packaging server: cannot start " + command.getFirst() + " (" + e.getMessage() + ")", e);
        }
        ManagedPackagingServer server = new ManagedPackagingServer(process, managed.stopGrace(), managed.pidFile());
        try {
            server.awaitHealthy(client, managed.startTimeout());
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitHealthy(PackagingClient client, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("packaging server: the process exited with code " + process.exitValue()
                        + " before it was healthy"
                        + (lastLines.isEmpty() ? "" : "; last output: " + lastLines.peekLast()));
            }
            try {
                String version = client.health();
                log.info("packaging server {} is UP (pid {})", version, process.pid());
                return;
            } catch (RuntimeException notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("packaging server: interrupted while waiting for it to start");
            }
        }
        throw new IllegalStateException("packaging server: not healthy within " + timeout.toSeconds() + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> lastLines() {
        return List.copyOf(lastLines);
    }

    private void drainOutput() {
        try (var reader = process.inputReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                lastLines.addLast(line);
                while (lastLines.size() > KEPT_LINES) {
                    lastLines.pollFirst();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Stops the process and its children: SIGTERM, then SIGKILL after the grace period. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "packaging server (pid {}) did not stop within {} s: killing it",
                        process.pid(),
                        stopGrace.toSeconds());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        LeftoverServer.forget(pidFile);
        log.info("packaging server (pid {}) stopped", process.pid());
    }
}
