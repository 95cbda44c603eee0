package dev.preflight.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed packaging server's pid file. A node killed in the middle of a check cannot stop its
 * child process; the next managed start on that host finds the process through this file (its pid
 * and start time, so a recycled pid is never touched) and stops it before starting a new one.
 */
final class LeftoverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);

    private LeftoverServer() {}

    static void record(@Nullable Path pidFile, Process process) {
        if (pidFile == null) {
            return;
        }
        Optional<Instant> started = process.info().startInstant();
        try {
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            Path temp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
            Files.writeString(
                    temp,
                    process.pid() + " " + started.map(Instant::toEpochMilli).orElse(0L) + "\n");
            Files.move(temp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write the packaging server's pid file {}: {}", pidFile, e.getMessage());
        }
    }

    static void forget(@Nullable Path pidFile) {
        if (pidFile == null) {
            return;
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.warn("cannot delete the packaging server's pid file {}: {}", pidFile, e.getMessage());
        }
    }

    /** Stops the process a previous run left behind, if it is still the one recorded. Returns its pid. */
    static Optional<Long> stop(@Nullable Path pidFile, Duration grace) {
        if (pidFile == null || !Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        Optional<ProcessHandle> leftover = Optional.empty();
        try {
            String[] fields = Files.readString(pidFile).trim().split("\\s+");
            long pid = Long.parseLong(fields[0]);
            long startedAt = fields.length > 1 ? Long.parseLong(fields[1]) : 0;
            leftover = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info()
                            .startInstant()
                            .map(Instant::toEpochMilli)
                            .map(ms -> ms == startedAt)
                            .orElse(false));
        } catch (IOException | RuntimeException unreadable) {
            log.warn("ignoring an unreadable pid file {}: {}", pidFile, unreadable.getMessage());
        }
        forget(pidFile);
        leftover.ifPresent(process -> {
            log.warn("stopping the packaging server (pid {}) left running by an interrupted check", process.pid());
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception stillAlive) {
                process.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        });
        return leftover.map(ProcessHandle::pid);
    }
}
