package dev.preflight.packaging;

import dev.preflight.check.KnownPackage;
import dev.preflight.check.PackageVersion;
import dev.preflight.check.PackagingRelease;
import dev.preflight.upstream.JsonHttp;
import dev.preflight.upstream.RetryPolicy;
import dev.preflight.upstream.UpstreamException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaging server's API (contract v1). Logs in on first use and once more on a 401. */
public final class PackagingClient {

    private final PackagingProperties properties;
    private final JsonHttp http;
    private volatile @Nullable String token;

    public PackagingClient(PackagingProperties properties, JsonMapper json) {
        this.properties = properties;
        this.http = new JsonHttp(
                "packaging server",
                properties.url().toString(),
                properties.connectTimeout(),
                properties.requestTimeout(),
                new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30)),
                Set.of(429, 502, 503, 504),
                json);
    }

    public long callCount() {
        return http.callCount();
    }

    /** {@code /api/v1/health}: the server's version when it is UP. */
    public String health() {
        JsonHttp.Answer answer = http.send("GET", "/api/v1/health", null, null);
        if (answer.status() != 200
                || answer.body() == null
                || !"UP".equals(answer.body().path("status").asString(""))) {
            throw new UpstreamException("packaging server", "GET /api/v1/health", answer.status(), "not UP");
        }
        return answer.body().path("version").asString("?");
    }

    public List<String> releases(String project) {
        List<String> names = new ArrayList<>();
        call("GET", "/api/v1/projects/" + enc(project) + "/releases", null)
                .forEach(release -> names.add(release.path("name").asString("")));
        return names;
    }

    /** Asks the server to re-read the release from Jira and waits for the job to finish. */
    public void resync(String project, String release) {
        String jobId = call("POST", releasePath(project, release) + "/resync", null)
                .path("jobId")
                .asString("");
        Instant deadline = Instant.now().plus(properties.resyncTimeout());
        while (true) {
            JsonNode job = call("GET", "/api/v1/jobs/" + enc(jobId), null);
            String state = job.path("state").asString("");
            if (state.equals("DONE")) {
                return;
            }
            if (state.equals("FAILED")) {
                throw new UpstreamException(
                        "packaging server",
                        "GET /api/v1/jobs/" + jobId,
                        200,
                        "resync failed: " + job.path("message").asString("no message"));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new UpstreamException(
                        "packaging server",
                        "GET /api/v1/jobs/" + jobId,
                        200,
                        "resync still " + state + " after "
                                + properties.resyncTimeout().toSeconds() + " s");
            }
            try {
                Thread.sleep(properties.resyncPollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException("packaging server", "GET /api/v1/jobs/" + jobId, 0, "interrupted");
            }
        }
    }

    /** The release's tickets: the first page tells the total, the others are read 8 at a time. */
    public List<PackagingRelease.Ticket> tickets(String project, String release) {
        JsonNode first = ticketPage(project, release, 0);
        long total = first.path("totalItems").asLong(0);
        int pages = (int) Math.min(Integer.MAX_VALUE, (total + properties.pageSize() - 1) / properties.pageSize());
        List<PackagingRelease.Ticket> tickets = new ArrayList<>();
        addTickets(first, tickets);
        if (pages <= 1 || first.path("items").isEmpty()) {
            return tickets;
        }
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(8);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<JsonNode>> rest = new ArrayList<>();
            for (int page = 1; page < pages; page++) {
                int number = page;
                rest.add(pool.submit(() -> {
                    inFlight.acquire();
                    try {
                        return ticketPage(project, release, number);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (java.util.concurrent.Future<JsonNode> page : rest) {
                addTickets(page.get(), tickets);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("packaging server", "GET tickets", 0, "interrupted");
        }
        return tickets;
    }

    private JsonNode ticketPage(String project, String release, int page) {
        return call(
                "GET",
                releasePath(project, release) + "/tickets?page=" + page + "&size=" + properties.pageSize(),
                null);
    }

    private static void addTickets(JsonNode page, List<PackagingRelease.Ticket> tickets) {
        for (JsonNode item : page.path("items")) {
            List<String> crs = new ArrayList<>();
            item.path("changeRequests").forEach(cr -> crs.add(cr.asString()));
            tickets.add(new PackagingRelease.Ticket(
                    item.path("key").asString(""), item.path("fixVersion").asString(""), crs));
        }
    }

    public List<PackagingRelease.ChangeRequest> changeRequests(String project, String release) {
        List<PackagingRelease.ChangeRequest> changeRequests = new ArrayList<>();
        call("GET", releasePath(project, release) + "/change-requests", null)
                .forEach(cr -> changeRequests.add(changeRequest(cr)));
        return changeRequests;
    }

    /** What the server knows of these packages; unknown names are absent. Asked 50 names at a time. */
    public Map<String, KnownPackage> packages(Collection<String> names) {
        Map<String, KnownPackage> known = new java.util.HashMap<>();
        List<String> all = names.stream().distinct().sorted().toList();
        for (int i = 0; i < all.size(); i += 50) {
            String query = String.join(",", all.subList(i, Math.min(all.size(), i + 50)));
            for (JsonNode pkg : call("GET", "/api/v1/packages?names=" + enc(query), null)) {
                List<String> versions = new ArrayList<>();
                pkg.path("versions").forEach(v -> versions.add(v.asString()));
                known.put(
                        pkg.path("name").asString(""),
                        new KnownPackage(
                                pkg.path("name").asString(""),
                                versions,
                                pkg.path("latest").isString()
                                        ? pkg.path("latest").stringValue()
                                        : null));
            }
        }
        return known;
    }

    /** Creates a change request; the answer carries the server's warnings about its packages. */
    public CreatedChangeRequest createChangeRequest(
            String project, String release, String ticketKey, String label, List<PackageVersion> packages) {
        JsonNode created = call(
                "POST",
                releasePath(project, release) + "/change-requests",
                Map.of(
                        "ticketKey",
                        ticketKey,
                        "label",
                        label,
                        "packages",
                        packages.stream()
                                .map(p -> Map.of("name", p.name(), "version", p.version()))
                                .toList()));
        List<Warning> warnings = new ArrayList<>();
        created.path("warnings")
                .forEach(w -> warnings.add(new Warning(
                        w.path("code").asString(""),
                        w.path("package").asString(""),
                        w.path("version").asString(""),
                        w.path("latest").isString() ? w.path("latest").stringValue() : null)));
        return new CreatedChangeRequest(changeRequest(created), warnings);
    }

    /** Deletes a change request; one that is already gone counts as deleted. */
    public void deleteChangeRequest(String id) {
        JsonHttp.Answer answer = authorised("DELETE", "/api/v1/change-requests/" + enc(id), null);
        if (answer.status() != 204 && answer.status() != 200 && answer.status() != 404) {
            throw new UpstreamException(
                    "packaging server",
                    "DELETE /api/v1/change-requests/" + id,
                    answer.status(),
                    JsonHttp.errorText(answer.body()));
        }
    }

    public record CreatedChangeRequest(PackagingRelease.ChangeRequest changeRequest, List<Warning> warnings) {}

    public record Warning(
            String code,
            String packageName,
            String version,
            @Nullable String latest) {}

    private static PackagingRelease.ChangeRequest changeRequest(JsonNode cr) {
        List<PackageVersion> packages = new ArrayList<>();
        cr.path("packages")
                .forEach(p -> packages.add(new PackageVersion(
                        p.path("name").asString(""), p.path("version").asString(""))));
        return new PackagingRelease.ChangeRequest(
                cr.path("id").asString(""),
                cr.path("ticketKey").asString(""),
                cr.path("label").asString(""),
                cr.path("enabled").asBoolean(true),
                packages);
    }

    private JsonNode call(String method, String path, @Nullable Object body) {
        JsonHttp.Answer answer = authorised(method, path, body);
        String endpoint = method + " " + path.replaceAll("\\?.*", "");
        if (answer.status() >= 300) {
            String error =
                    answer.body() == null ? "" : answer.body().path("error").asString("");
            String problem = error.equals("release_not_found")
                    ? "unknown project or release (" + JsonHttp.errorText(answer.body()) + ")"
                    : JsonHttp.errorText(answer.body());
            throw new UpstreamException("packaging server", endpoint, answer.status(), problem);
        }
        if (answer.body() == null) {
            throw new UpstreamException("packaging server", endpoint, answer.status(), "answered an empty body");
        }
        return answer.body();
    }

    /** Sends with the current token; on 401, logs in again once and retries. */
    private JsonHttp.Answer authorised(String method, String path, @Nullable Object body) {
        String current = token != null ? token : login();
        JsonHttp.Answer answer = http.send(method, path, body, "Bearer " + current);
        if (answer.status() == 401) {
            answer = http.send(method, path, body, "Bearer " + login());
            if (answer.status() == 401) {
                throw new UpstreamException(
                        "packaging server",
                        method + " " + path.replaceAll("\\?.*", ""),
                        401,
                        "token refused right after logging in");
            }
        }
        return answer;
    }

    /** Test connection: logs in with the configured credentials. */
    public void signIn() {
        login();
    }

    private synchronized String login() {
        // signing in again changes nothing on the server: safe to repeat after an I/O error
        JsonHttp.Answer answer = http.sendIdempotent(
                "POST",
                "/api/v1/auth/token",
                Map.of("username", properties.user(), "password", properties.password()),
                null);
        if (answer.status() == 401) {
            throw new UpstreamException(
                    "packaging server",
                    "POST /api/v1/auth/token",
                    401,
                    "wrong credentials (check PREFLIGHT_PACKAGING_USER and PREFLIGHT_PACKAGING_PASSWORD)");
        }
        if (answer.status() != 200
                || answer.body() == null
                || !answer.body().path("token").isString()) {
            throw new UpstreamException(
                    "packaging server", "POST /api/v1/auth/token", answer.status(), JsonHttp.errorText(answer.body()));
        }
        String fresh = answer.body().path("token").stringValue();
        token = fresh;
        return fresh;
    }

    private static String releasePath(String project, String release) {
        return "/api/v1/projects/" + enc(project) + "/releases/" + enc(release);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
