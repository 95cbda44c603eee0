package dev.preflight.bench;

import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckRequest;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import dev.preflight.sandbox.ScenarioGenerator;
import dev.preflight.sandbox.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Preflight's Jira strategy (ids in pages of 5000, then bulk fetches of 100, 8 at a time) against a
 * naive one (sequential search pages of 100 with all fields), on generated scenarios with 50 ms of
 * latency on every upstream call. Prints wall time, upstream calls and peak heap. Run with
 * bench/run; not a test.
 */
public final class ReleaseCheckBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0
                ? new int[] {500, 5_000, 20_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int latency = Integer.parseInt(System.getProperty("bench.latencyMs", "50"));
        int repeats = Integer.parseInt(System.getProperty("bench.repeats", "3"));
        System.out.printf(
                "Preflight release check benchmark: latency %d ms per upstream call, max heap %d MB, %d cores%n",
                latency,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                "%-8s %-10s %10s %10s %12s %12s %14s%n",
                "tickets", "strategy", "median s", "min s", "jira calls", "all calls", "peak heap MB");
        for (int size : sizes) {
            String text = new ScenarioGenerator(7).generate(ScenarioGenerator.Mix.typical(size));
            Scenario generated = new ScenarioLoader()
                    .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "generated");
            Scenario scenario = new Scenario(
                    generated.format(),
                    generated.jira(),
                    generated.users(),
                    generated.packaging(),
                    generated.absences(),
                    Map.of("jira", latency, "packaging", latency, "lucca", latency),
                    List.of());
            try (Sandbox sandbox = Sandbox.start(scenario)) {
                measure(
                        size,
                        "preflight",
                        repeats,
                        sandbox,
                        () -> dev.preflight.report.SandboxReporters.reporter(
                                        sandbox, Integer.getInteger("bench.concurrency", 8))
                                .run(new CheckRequest("ET", "H3-2026.7", EnumSet.of(CheckRequest.Step.RESYNC)), trace())
                                .findings()
                                .size());
                measure(size, "naive-jira", repeats, sandbox, () -> naiveJiraFetch(sandbox));
                measure(
                        size,
                        "naive-all",
                        repeats,
                        sandbox,
                        () -> naiveJiraFetch(sandbox) + naivePackagingFetch(sandbox));
            }
        }
    }

    /** With -Dbench.trace=true, each step's time since the check started, on stderr. */
    private static CheckProgress trace() {
        if (!Boolean.getBoolean("bench.trace")) {
            return CheckProgress.silent();
        }
        long start = System.nanoTime();
        return step -> System.err.printf("  %6.0f ms  %s%n", (System.nanoTime() - start) / 1e6, step);
    }

    private interface Run {
        int go() throws Exception;
    }

    private static void measure(int size, String name, int repeats, Sandbox sandbox, Run run) throws Exception {
        run.go(); // warm-up
        long[] times = new long[repeats];
        long jiraCalls = 0;
        long allCalls = 0;
        long peak = 0;
        for (int i = 0; i < repeats; i++) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long jira = sandbox.requestCount("jira");
            long all = jira + sandbox.requestCount("packaging") + sandbox.requestCount("lucca");
            long start = System.nanoTime();
            run.go();
            times[i] = System.nanoTime() - start;
            jiraCalls = sandbox.requestCount("jira") - jira;
            allCalls = sandbox.requestCount("jira")
                    + sandbox.requestCount("packaging")
                    + sandbox.requestCount("lucca")
                    - all;
            peak = Math.max(
                    peak,
                    ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(pool -> pool.getType() == MemoryType.HEAP)
                            .mapToLong(pool -> pool.getPeakUsage().getUsed())
                            .sum());
        }
        java.util.Arrays.sort(times);
        System.out.printf(
                "%-8d %-10s %10.3f %10.3f %12d %12d %14d%n",
                size, name, times[repeats / 2] / 1e9, times[0] / 1e9, jiraCalls, allCalls, peak >> 20);
    }

    /** The packaging side read the same naive way: log in, then sequential pages of 100, then the CRs. */
    private static int naivePackagingFetch(Sandbox sandbox) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = sandbox.endpoints().packagingUrl() + "/api/v1";
        JsonNode login = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(base + "/auth/token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"preflight\",\"password\":\""
                                        + sandbox.endpoints().credentials().packagingPassword() + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body());
        String auth = "Bearer " + login.path("token").asString();
        int tickets = 0;
        for (int page = 0; ; page++) {
            JsonNode answer = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(
                                            base + "/projects/ET/releases/2026.7/tickets?size=100&page=" + page))
                                    .header("Authorization", auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body());
            tickets += answer.path("items").size();
            if (answer.path("items").isEmpty()
                    || tickets >= answer.path("totalItems").asInt()) {
                break;
            }
        }
        JsonNode changeRequests = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(base + "/projects/ET/releases/2026.7/change-requests"))
                                .header("Authorization", auth)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body());
        return tickets + changeRequests.size();
    }

    /** Sequential pages of 100 issues with every field, as a first version of such a tool would do. */
    private static int naiveJiraFetch(Sandbox sandbox) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString((sandbox.endpoints().credentials().jiraUser() + ":"
                                        + sandbox.endpoints().credentials().jiraToken())
                                .getBytes(StandardCharsets.UTF_8));
        String jql = URLEncoder.encode("project = ET AND fixVersion = \"H3-2026.7\"", StandardCharsets.UTF_8);
        String token = null;
        int issues = 0;
        do {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(sandbox.endpoints().jiraUrl()
                                    + "/rest/api/3/search/jql?jql=" + jql + "&fields=*all&maxResults=100"
                                    + (token == null ? "" : "&nextPageToken=" + token)))
                            .header("Authorization", auth)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode page = JSON.readTree(response.body());
            issues += page.path("issues").size();
            token = page.path("isLast").asBoolean(true)
                    ? null
                    : page.path("nextPageToken").asString();
        } while (token != null);
        return issues;
    }
}
