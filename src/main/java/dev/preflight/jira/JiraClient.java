package dev.preflight.jira;

import dev.preflight.check.JiraTicket;
import dev.preflight.upstream.JsonHttp;
import dev.preflight.upstream.RetryPolicy;
import dev.preflight.upstream.UpstreamException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Jira Cloud operations Preflight needs. Never calls the removed {@code /rest/api/3/search}. */
public final class JiraClient {

    static final int BULK_FETCH_MAX = 100;

    private final JiraProperties properties;
    private final JsonHttp http;
    private final JiraIssues issues;
    private final String authorization;

    public JiraClient(JiraProperties properties, JsonMapper json) {
        this.properties = properties;
        this.http = new JsonHttp(
                "Jira",
                properties.url().toString(),
                properties.connectTimeout(),
                properties.requestTimeout(),
                new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(10), properties.retryBudget()),
                Set.of(429, 503),
                json);
        this.issues = new JiraIssues(properties.fields());
        this.authorization = properties.user() == null || properties.user().isBlank()
                ? "Bearer " + properties.token()
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((properties.user() + ":" + properties.token())
                                        .getBytes(StandardCharsets.UTF_8));
    }

    public long callCount() {
        return http.callCount();
    }

    /** Test connection: who Preflight is signed in as. */
    public String whoAmI() {
        JsonNode me = ok("GET", "/rest/api/3/myself", null);
        return me.path("displayName").asString(me.path("accountId").asString("?"));
    }

    /** The project's unreleased, unarchived versions, soonest release date first (undated last). */
    public List<JiraVersion> unreleasedVersions(String project) {
        return versions(project, "unreleased").stream()
                .filter(v -> !v.released() && !v.archived())
                .sorted(java.util.Comparator.comparing(
                        JiraVersion::releaseDate, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .toList();
    }

    /** The project's versions of the given statuses (comma-separated: released, unreleased, archived). */
    public List<JiraVersion> versions(String project, String statuses) {
        List<JiraVersion> versions = new ArrayList<>();
        int startAt = 0;
        while (true) {
            JsonNode page = ok(
                    "GET",
                    "/rest/api/3/project/" + encode(project) + "/version?status=" + encode(statuses)
                            + "&orderBy=releaseDate&maxResults=50&startAt=" + startAt,
                    null);
            for (JsonNode version : page.path("values")) {
                versions.add(new JiraVersion(
                        version.path("id").asString(""),
                        version.path("name").asString(""),
                        version.path("released").asBoolean(false),
                        version.path("archived").asBoolean(false),
                        version.path("releaseDate").isString()
                                ? LocalDate.parse(version.path("releaseDate").stringValue())
                                : null));
            }
            int count = page.path("values").size();
            if (page.path("isLast").asBoolean(true) || count == 0) {
                break;
            }
            startAt += count;
        }
        return versions;
    }

    public Optional<JiraVersion> nextUnreleasedVersion(String project) {
        return unreleasedVersions(project).stream().findFirst();
    }

    /**
     * The issues of a fix version: ids first (the largest page Jira allows), then the fields in bulk
     * fetches of 100, a bounded number at a time.
     */
    public List<JiraTicket> releaseTickets(String project, String version, IntConsumer progress) {
        return releaseTickets(project, version, List.of(), progress);
    }

    /** The same, with the extra fields custom checks read, in the same bulk fetches. */
    public List<JiraTicket> releaseTickets(
            String project, String version, List<String> extraFields, IntConsumer progress) {
        String jql = "project = \"" + project + "\" AND fixVersion = " + quoted(version) + " ORDER BY key ASC";
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = ok(
                    "GET",
                    "/rest/api/3/search/jql?jql=" + encode(jql) + "&fields=id&maxResults=" + properties.searchPageSize()
                            + (token == null ? "" : "&nextPageToken=" + encode(token)),
                    null);
            page.path("issues").forEach(issue -> ids.add(issue.path("id").asString()));
            token = page.path("isLast").asBoolean(true)
                            || !page.path("nextPageToken").isString()
                    ? null
                    : page.path("nextPageToken").stringValue();
        } while (token != null);
        return fetch(ids, extraFields, progress);
    }

    /** How many tickets of a fix version are not done yet (Jira's estimate: recent updates may lag). */
    public int countNotDone(String project, String version) {
        String jql =
                "project = \"" + project + "\" AND fixVersion = " + quoted(version) + " AND statusCategory != Done";
        return ok("POST", "/rest/api/3/search/approximate-count", Map.of("jql", jql))
                .path("count")
                .asInt(0);
    }

    /** A JQL string literal: backslashes and quotes escaped, so no version name can end it early. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Issues by key, for tickets the packaging server has and Jira's release does not. Unknown keys are absent. */
    public List<JiraTicket> ticketsByKey(Collection<String> keys) {
        return fetch(List.copyOf(keys), List.of(), done -> {});
    }

    private List<JiraTicket> fetch(List<String> idsOrKeys, List<String> extraFields, IntConsumer progress) {
        if (idsOrKeys.isEmpty()) {
            return List.of();
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < idsOrKeys.size(); i += BULK_FETCH_MAX) {
            chunks.add(idsOrKeys.subList(i, Math.min(idsOrKeys.size(), i + BULK_FETCH_MAX)));
        }
        AtomicInteger done = new AtomicInteger();
        List<String> fields = issues.fieldNames(extraFields);
        try (ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(properties.bulkConcurrency(), chunks.size()),
                Thread.ofVirtual().name("jira-bulk-", 0).factory())) {
            List<Future<List<JiraTicket>>> futures = new ArrayList<>();
            for (List<String> chunk : chunks) {
                futures.add(pool.submit(() -> {
                    JsonNode result = ok(
                            "POST",
                            "/rest/api/3/issue/bulkfetch",
                            Map.of("issueIdsOrKeys", chunk, "fields", fields, "fieldsByKeys", false));
                    List<JiraTicket> tickets = new ArrayList<>();
                    for (JsonNode issue : result.path("issues")) {
                        tickets.add(issues.ticket(issue, extraFields));
                    }
                    progress.accept(done.addAndGet(chunk.size()));
                    return tickets;
                }));
            }
            List<JiraTicket> tickets = new ArrayList<>(idsOrKeys.size());
            for (Future<List<JiraTicket>> future : futures) {
                tickets.addAll(future.get());
            }
            return tickets;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("Jira", "POST /rest/api/3/issue/bulkfetch", 0, "interrupted");
        }
    }

    private JsonNode ok(String method, String path, Object body) {
        // every Jira call Preflight makes is a read, POSTs included: safe to repeat after an I/O error
        JsonHttp.Answer answer = http.sendIdempotent(method, path, body, authorization);
        String endpoint = method + " " + path.replaceAll("\\?.*", "");
        if (answer.status() == 401 || answer.status() == 403) {
            throw new UpstreamException(
                    "Jira",
                    endpoint,
                    answer.status(),
                    "not authorised (check PREFLIGHT_JIRA_USER and PREFLIGHT_JIRA_TOKEN)");
        }
        if (answer.status() >= 300) {
            throw new UpstreamException("Jira", endpoint, answer.status(), JsonHttp.errorText(answer.body()));
        }
        if (answer.body() == null) {
            throw new UpstreamException("Jira", endpoint, answer.status(), "answered an empty body");
        }
        return answer.body();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
