package dev.preflight.bench;

import dev.preflight.PreflightApplication;
import dev.preflight.cache.CacheFigures;
import dev.preflight.cache.CacheType;
import dev.preflight.cache.SharedCache;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.TestAccounts;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The public board's API under 200 concurrent clients for 30 s (wrk), the sandbox answering every
 * Jira and packaging call after 50 ms and each cache type living 10 s; in the same run, nginx
 * serving the same JSON bytes from a file on loopback. Prints requests per second, p99 and the
 * upstream calls per cache type during the run. Run with bench/run-cache.
 */
public final class CacheBench {

    private static final List<CacheType> READ =
            List.of(CacheType.JIRA_VERSIONS, CacheType.JIRA_OPEN_TICKETS, CacheType.BOARD);

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "30"));
        int clients = Integer.parseInt(System.getProperty("bench.clients", "200"));
        int latency = Integer.parseInt(System.getProperty("bench.latencyMs", "50"));
        Path work = Files.createTempDirectory("preflight-cache-bench");
        try (Sandbox sandbox = Sandbox.start(DemoScenario.withLatency(Map.of("jira", latency, "packaging", latency)))) {
            Map<String, Object> properties = new HashMap<>(sandbox.connectorProperties());
            properties.put("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            properties.put("server.port", "0");
            properties.put("server.address", "127.0.0.1");
            properties.put("logging.level.root", "WARN");
            properties.put("preflight.security.local.admin-password", TestAccounts.ADMIN_PASSWORD);
            properties.put("preflight.board.public", "true");
            properties.put("preflight.board.projects", "ET");
            for (CacheType type : READ) {
                properties.put("preflight.cache.ttl[" + type.name() + "]", "10s");
            }
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PreflightApplication.class)
                    .run(properties.entrySet().stream()
                            .map(e -> "--" + e.getKey() + "=" + e.getValue())
                            .toArray(String[]::new))) {
                String preflight = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")
                        + "/api/v1/releases/ET/next";
                HttpResponse<byte[]> sample = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(preflight)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                if (sample.statusCode() != 200) {
                    throw new IllegalStateException("the board answered " + sample.statusCode());
                }
                Files.createDirectories(work.resolve("www/api/v1/releases/ET"));
                Files.write(work.resolve("www/api/v1/releases/ET/next"), sample.body());
                // nginx's workers run as another user: the copy must be readable by anyone
                try (var paths = Files.walk(work)) {
                    for (Path path : paths.toList()) {
                        Files.setPosixFilePermissions(
                                path,
                                java.nio.file.attribute.PosixFilePermissions.fromString(
                                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
                int nginxPort;
                try (ServerSocket free = new ServerSocket(0)) {
                    nginxPort = free.getLocalPort();
                }
                Process nginx = nginx(work, nginxPort);
                try {
                    String copy = "http://127.0.0.1:" + nginxPort + "/api/v1/releases/ET/next";
                    System.out.printf(
                            "Cache benchmark: %d clients for %d s, upstream latency %d ms, lifetime 10 s, %d cores, %d bytes per answer%n",
                            clients,
                            seconds,
                            latency,
                            Runtime.getRuntime().availableProcessors(),
                            sample.body().length);
                    wrk(preflight, clients, 10); // warm-up: the JIT, and nginx's page cache
                    wrk(copy, clients, 5);
                    SharedCache cache = app.getBean(SharedCache.class);
                    Map<CacheType, Long> before = misses(cache);
                    Result served = wrk(preflight, clients, seconds);
                    Map<CacheType, Long> after = misses(cache);
                    Result file = wrk(copy, clients, seconds);
                    System.out.printf("%-34s %12s %10s%n", "", "requests/s", "p99");
                    System.out.printf(
                            "%-34s %,12.0f %10s%n", "Preflight board API (from cache)", served.rps(), served.p99());
                    System.out.printf("%-34s %,12.0f %10s%n", "nginx, same bytes from a file", file.rps(), file.p99());
                    System.out.printf(
                            "Preflight / nginx: %.0f %% (goal: at least 50 %%)%n", 100 * served.rps() / file.rps());
                    for (CacheType type : READ) {
                        System.out.printf(
                                "upstream calls for %-18s %d in %d s (lifetime 10 s)%n",
                                type.name(), after.get(type) - before.get(type), seconds);
                    }
                    System.out.printf("non-2xx answers: Preflight %d, nginx %d%n", served.errors(), file.errors());
                } finally {
                    nginx.destroy();
                    nginx.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static Map<CacheType, Long> misses(SharedCache cache) {
        Map<CacheType, Long> misses = new HashMap<>();
        for (CacheFigures figures : cache.figures(List.of())) {
            misses.put(figures.policy().type(), figures.misses());
        }
        return misses;
    }

    private static Process nginx(Path work, int port) throws Exception {
        Files.createDirectories(work.resolve("logs"));
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  default_type application/json;
                  client_body_temp_path %1$s/tmp;
                  proxy_temp_path %1$s/tmp;
                  fastcgi_temp_path %1$s/tmp;
                  uwsgi_temp_path %1$s/tmp;
                  scgi_temp_path %1$s/tmp;
                  server { listen 127.0.0.1:%2$d; root %1$s/www; etag on; }
                }
                """.formatted(work, port));
        Process process = new ProcessBuilder("nginx", "-p", work.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("logs/nginx.out").toFile())
                .start();
        for (int i = 0; i < 50; i++) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return process;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not start: " + Files.readString(work.resolve("logs/nginx.out")));
    }

    record Result(double rps, String p99, long errors) {}

    private static Result wrk(String url, int clients, int seconds) throws Exception {
        Process wrk = new ProcessBuilder(
                        "wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--latency", "--timeout", "10s", url)
                .redirectErrorStream(true)
                .start();
        String out = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        Matcher p99 = Pattern.compile("(?m)^\\s+99%\\s+(\\S+)").matcher(out);
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(out);
        if (!rps.find() || !p99.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        return new Result(
                Double.parseDouble(rps.group(1)), p99.group(1), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }
}
