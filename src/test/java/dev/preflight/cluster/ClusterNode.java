package dev.preflight.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One Preflight server as its own JVM on loopback, which the test can SIGKILL and start again. */
final class ClusterNode {

    private final String name;
    private final int port;
    private final Map<String, Object> properties;
    private final Path log;
    private @Nullable Process process;

    ClusterNode(String name, int port, Map<String, Object> properties, Path logs) {
        this.name = name;
        this.port = port;
        this.properties = properties;
        this.log = logs.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.preflight.PreflightApplication"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + port);
        command.add("--preflight.node-name=" + name);
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** SIGKILL: no shutdown hook, no last heartbeat, no cleanup. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    boolean healthy() {
        try {
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("UP");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts the nodes: the first alone, as it makes the schema, then the others against it. */
    static void startAll(List<ClusterNode> nodes) throws Exception {
        nodes.getFirst().start();
        nodes.getFirst().awaitHealthy(Duration.ofSeconds(120));
        for (ClusterNode node : nodes.subList(1, nodes.size())) {
            node.start();
        }
        for (ClusterNode node : nodes.subList(1, nodes.size())) {
            node.awaitHealthy(Duration.ofSeconds(120));
        }
    }

    void awaitHealthy(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!alive()) {
                throw new AssertionError(name + " exited during start-up; see " + log);
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not healthy within " + timeout.toSeconds() + " s; see " + log);
    }
}
