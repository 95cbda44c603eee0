package dev.preflight.cluster;

import dev.preflight.sandbox.Sandbox;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * What every node of a harness shares: the sandbox, the admin's password, schedules and beats
     * of a second, quiet logs, and the secrets a keys volume would hold.
     */
    static Map<String, Object> sharedProperties(Sandbox sandbox, String adminPassword, Path logs) {
        Map<String, Object> properties = new LinkedHashMap<>(sandbox.connectorProperties());
        properties.put("server.address", "127.0.0.1");
        properties.put("preflight.security.local.admin-password", adminPassword);
        properties.put("preflight.schedule.tick", "1s");
        properties.put("preflight.schedule.minimum-interval", "1s");
        properties.put("preflight.heartbeat-interval", "1s");
        properties.put("logging.level.root", "WARN");
        Path keys = logs.toAbsolutePath().resolve("keys");
        properties.put("preflight.usage.key-file", keys.resolve("usage-salt-key"));
        properties.put("preflight.push.key-file", keys.resolve("vapid-keys"));
        return properties;
    }

    /** Three nodes named {@code prefix}1 to 3, each with its own data folder and port. */
    static List<ClusterNode> three(String prefix, Map<String, Object> properties, Path logs) throws Exception {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> own = new HashMap<>(properties);
            own.put("preflight.data-dir", logs.toAbsolutePath().resolve(prefix + i));
            nodes.add(new ClusterNode(prefix + i, ClusterIntegrationTest.freePort(), own, logs));
        }
        return nodes;
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
