package dev.preflight.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaging server, exactly as docs/packaging-server-api.md describes it. */
final class PackagingSimulator extends SimulatedServer {

    static final int MAX_PAGE = 500;
    private static final long RESYNC_MILLIS = 300;

    private static final Pattern RELEASES = Pattern.compile("/api/v1/projects/([^/]+)/releases");
    private static final Pattern RELEASE_PART =
            Pattern.compile("/api/v1/projects/([^/]+)/releases/([^/]+)/(resync|tickets|change-requests)");
    private static final Pattern JOB = Pattern.compile("/api/v1/jobs/([^/]+)");
    private static final Pattern CHANGE_REQUEST = Pattern.compile("/api/v1/change-requests/([^/]+)");

    private final String project;
    private final SandboxCredentials credentials;
    private final Map<String, Scenario.Release> releases = new LinkedHashMap<>();
    private final Map<String, List<Scenario.Ticket>> ticketsByRelease = new HashMap<>();
    private final Map<String, ChangeRequest> changeRequests = new ConcurrentHashMap<>();
    private final Map<String, Scenario.Package> packages = new HashMap<>();
    private final Map<String, Instant> jobs = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextId = new AtomicInteger(90000);

    PackagingSimulator(Scenario scenario, SandboxCredentials credentials, JsonMapper json) {
        super(scenario, "packaging", json);
        Scenario.Packaging packaging = scenario.packaging();
        this.project = packaging.project() != null
                ? packaging.project()
                : scenario.jira().project().key();
        this.credentials = credentials;
        packaging.releases().forEach(release -> releases.put(release.name(), release));
        packaging
                .tickets()
                .forEach(ticket -> ticketsByRelease
                        .computeIfAbsent(ticket.releaseName(), r -> new ArrayList<>())
                        .add(ticket));
        Map<String, String> releaseOfTicket = new HashMap<>();
        packaging.tickets().forEach(ticket -> releaseOfTicket.put(ticket.key(), ticket.releaseName()));
        for (Scenario.ChangeRequest cr : packaging.changeRequests()) {
            changeRequests.put(
                    cr.id(),
                    new ChangeRequest(
                            cr.id(),
                            cr.ticketKey(),
                            cr.label() == null ? "" : cr.label(),
                            cr.isEnabled(),
                            cr.packages(),
                            releaseOfTicket.get(cr.ticketKey())));
        }
        packaging.packages().forEach(pkg -> packages.put(pkg.name(), pkg));
    }

    /** A change request as the server holds it; {@code release} is where it lives. */
    record ChangeRequest(
            String id,
            String ticketKey,
            String label,
            boolean enabled,
            List<Scenario.PackageRef> packages,
            @Nullable String release) {}

    Collection<ChangeRequest> changeRequests() {
        return List.copyOf(changeRequests.values());
    }

    /** Leaves a probe behind, as a crashed run would (tests). */
    void addChangeRequest(ChangeRequest changeRequest) {
        changeRequests.put(changeRequest.id(), changeRequest);
    }

    @Override
    protected Object faultBody(int status) {
        return error(status == 401 ? "unauthorized" : "injected", "Injected failure " + status);
    }

    /** How many resync jobs were started: a side effect tests look for. */
    int resyncCount() {
        return jobs.size();
    }

    @Override
    protected void handle(Request request) throws IOException {
        String path = request.path();
        if (path.equals("/api/v1/health")) {
            request.respond(200, Map.of("status", "UP", "version", "sandbox-1"));
            return;
        }
        if (path.equals("/api/v1/auth/token") && request.method().equals("POST")) {
            login(request);
            return;
        }
        String authorization = request.header("Authorization");
        if (authorization == null
                || !authorization.startsWith("Bearer ")
                || !tokens.contains(authorization.substring(7))) {
            request.respond(401, error("unauthorized", "missing or expired token"));
            return;
        }
        Matcher releasesPath = RELEASES.matcher(path);
        Matcher part = RELEASE_PART.matcher(path);
        Matcher job = JOB.matcher(path);
        Matcher changeRequest = CHANGE_REQUEST.matcher(path);
        if (releasesPath.matches() && request.method().equals("GET")) {
            if (!releasesPath.group(1).equals(project)) {
                request.respond(404, error("project_not_found", "no project " + releasesPath.group(1)));
                return;
            }
            request.respond(
                    200,
                    releases.values().stream()
                            .map(r -> Map.of("name", r.name(), "state", r.state() == null ? "OPEN" : r.state()))
                            .toList());
        } else if (part.matches()) {
            String release = part.group(2);
            if (!part.group(1).equals(project) || !releases.containsKey(release)) {
                request.respond(
                        404, error("release_not_found", "no release " + release + " in project " + part.group(1)));
                return;
            }
            switch (part.group(3) + " " + request.method()) {
                case "resync POST" -> {
                    String id = UUID.randomUUID().toString();
                    jobs.put(id, Instant.now().plusMillis(RESYNC_MILLIS));
                    request.respond(202, Map.of("jobId", id));
                }
                case "tickets GET" -> tickets(request, release);
                case "change-requests GET" ->
                    request.respond(
                            200,
                            changeRequests.values().stream()
                                    .filter(cr -> release.equals(cr.release()))
                                    .sorted(java.util.Comparator.comparing(ChangeRequest::id))
                                    .map(cr -> changeRequest(cr, null))
                                    .toList());
                case "change-requests POST" -> create(request, release);
                default -> request.respond(405, error("method_not_allowed", request.method() + " " + path));
            }
        } else if (job.matches() && request.method().equals("GET")) {
            Instant done = jobs.get(job.group(1));
            if (done == null) {
                request.respond(404, error("job_not_found", "no job " + job.group(1)));
            } else {
                String state = Instant.now().isBefore(done) ? "RUNNING" : "DONE";
                request.respond(
                        200,
                        Map.of(
                                "jobId",
                                job.group(1),
                                "state",
                                state,
                                "message",
                                state.equals("DONE") ? "resync complete" : "reading tickets from Jira"));
            }
        } else if (changeRequest.matches() && request.method().equals("DELETE")) {
            if (changeRequests.remove(changeRequest.group(1)) == null) {
                request.respond(404, error("change_request_not_found", "no change request " + changeRequest.group(1)));
            } else {
                request.respond(204, null);
            }
        } else if (path.equals("/api/v1/packages") && request.method().equals("GET")) {
            String names = request.query("names");
            List<Object> found = new ArrayList<>();
            if (names != null) {
                for (String name : names.split(",")) {
                    Scenario.Package pkg = packages.get(name.trim());
                    if (pkg != null) {
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("name", pkg.name());
                        json.put("versions", pkg.versions());
                        json.put("latest", pkg.latestVersion());
                        found.add(json);
                    }
                }
            }
            request.respond(200, found);
        } else {
            request.respond(404, error("not_found", "no resource " + request.method() + " " + path));
        }
    }

    private void login(Request request) throws IOException {
        JsonNode body;
        try {
            body = request.body();
        } catch (RuntimeException e) {
            request.respond(400, error("bad_request", "body must be JSON"));
            return;
        }
        if (credentials.packagingUser().equals(body.path("username").asString(""))
                && credentials.packagingPassword().equals(body.path("password").asString(""))) {
            String token = UUID.randomUUID().toString();
            tokens.add(token);
            request.respond(200, Map.of("token", token, "expiresIn", 3600));
        } else {
            request.respond(401, error("bad_credentials", "wrong username or password"));
        }
    }

    /** Forgets every issued token, as a server restart or token expiry would (tests). */
    void expireTokens() {
        tokens.clear();
    }

    private void tickets(Request request, String release) throws IOException {
        int page = request.intQuery("page", 0);
        int size = request.intQuery("size", 100);
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            request.respond(400, error("bad_request", "page must be >= 0 and size between 1 and " + MAX_PAGE));
            return;
        }
        List<Scenario.Ticket> all = ticketsByRelease.getOrDefault(release, List.of());
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        List<Object> items = all.subList(from, to).stream()
                .map(t -> (Object)
                        Map.of("key", t.key(), "fixVersion", t.fixVersion(), "changeRequests", t.changeRequests()))
                .toList();
        request.respond(200, Map.of("items", items, "page", page, "size", size, "totalItems", all.size()));
    }

    private void create(Request request, String release) throws IOException {
        JsonNode body = request.body();
        String ticketKey = body.path("ticketKey").asString("");
        if (ticketKey.isBlank() || !body.path("packages").isArray()) {
            request.respond(400, error("bad_request", "ticketKey and packages are required"));
            return;
        }
        List<Scenario.PackageRef> refs = new ArrayList<>();
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (JsonNode pkg : body.path("packages")) {
            Scenario.PackageRef ref = new Scenario.PackageRef(
                    pkg.path("name").asString(""), pkg.path("version").asString(""));
            refs.add(ref);
            Scenario.Package known = packages.get(ref.name());
            if (known == null) {
                warnings.add(Map.of("code", "UNKNOWN_PACKAGE", "package", ref.name(), "version", ref.version()));
            } else if (!known.versions().contains(ref.version())) {
                warnings.add(Map.of("code", "UNKNOWN_VERSION", "package", ref.name(), "version", ref.version()));
            } else if (known.latestVersion() != null && compareVersions(ref.version(), known.latestVersion()) < 0) {
                warnings.add(Map.of(
                        "code",
                        "OUTDATED",
                        "package",
                        ref.name(),
                        "version",
                        ref.version(),
                        "latest",
                        known.latestVersion()));
            }
        }
        String id = "CR-" + nextId.incrementAndGet();
        ChangeRequest created =
                new ChangeRequest(id, ticketKey, body.path("label").asString(""), true, refs, release);
        changeRequests.put(id, created);
        request.respond(201, changeRequest(created, warnings));
    }

    private static Map<String, Object> changeRequest(ChangeRequest cr, @Nullable List<Map<String, Object>> warnings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", cr.id());
        json.put("ticketKey", cr.ticketKey());
        json.put("label", cr.label());
        json.put("enabled", cr.enabled());
        json.put("packages", cr.packages());
        json.put("warnings", warnings == null ? List.of() : warnings);
        return json;
    }

    static int compareVersions(String left, String right) {
        String[] l = left.split("\\.");
        String[] r = right.split("\\.");
        for (int i = 0; i < Math.max(l.length, r.length); i++) {
            int a = i < l.length ? parse(l[i]) : 0;
            int b = i < r.length ? parse(r[i]) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    private static int parse(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", code, "message", message);
    }
}
