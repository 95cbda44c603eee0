package dev.preflight.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario's {@code endpoints}, served over real HTTP: each paging style, each auth type
 * accepted and refused, the strict refusals, faults, latency and a non-JSON answer.
 */
class SourceEndpointsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private static final String SCENARIO = """
            {
              "format": "preflight-scenario/1",
              "jira": {"project": {"key": "ET"}},
              "packaging": {},
              "endpoints": [
                {"path": "/status", "body": {"version": "1.2.3", "ok": true}},
                {"path": "/ci/pipelines", "auth": {"type": "bearer", "token": "ci-token"},
                 "paginate": {"type": "page", "param": "page", "sizeParam": "per_page", "start": 1, "maxSize": 10},
                 "query": {"ref": "release/2026.7"},
                 "items": %s},
                {"path": "/deployments", "auth": {"type": "basic", "user": "deployer", "password": "p:ss w0rd"},
                 "paginate": {"type": "offset", "param": "offset", "sizeParam": "limit", "maxSize": 5,
                              "itemsField": "data.items"},
                 "items": %s},
                {"path": "/incidents", "auth": {"type": "header", "name": "X-Api-Key", "value": "inc-key"},
                 "paginate": {"type": "cursor", "param": "cursor", "defaultSize": 2},
                 "items": %s},
                {"path": "/audit", "paginate": {"type": "cursor", "param": "after", "itemsField": "result.entries",
                                                 "cursorField": "result.nextCursor"},
                 "items": %s},
                {"path": "/releases", "method": "GET",
                 "auth": {"type": "oauth2", "clientId": "preflight", "clientSecret": "s3cret", "scope": "read",
                          "expiresInS": 600},
                 "paginate": {"type": "link", "param": "page", "sizeParam": "per_page", "defaultSize": 2},
                 "items": %s},
                {"path": "/login", "contentType": "text/html", "body": "<html><body>Sign in</body></html>"}
              ]
            }
            """.formatted(items(25), items(7), items(5), items(3), items(5));

    private static final Sandbox SANDBOX = Sandbox.start(parse(SCENARIO));

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    private static String items(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"id\": " + i + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static Scenario parse(String json) {
        return new ScenarioLoader()
                .parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "sources.json");
    }

    record Answer(int status, HttpHeaders headers, String text) {
        JsonNode json() {
            return JSON.readTree(text);
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    private static Answer get(String pathOrUrl, String... headers) throws IOException, InterruptedException {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : SANDBOX.sourcesUrl() + pathOrUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    private static Answer token(String form, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SANDBOX.sourcesUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Integer> ids(JsonNode array) {
        List<Integer> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("id").asInt()));
        return ids;
    }

    private static String accessToken() throws IOException, InterruptedException {
        Answer answer = token("grant_type=client_credentials", "Authorization", basic("preflight", "s3cret"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("access_token").asString();
    }

    private static final String REF = "ref=" + URLEncoder.encode("release/2026.7", StandardCharsets.UTF_8);
    private static final String[] CI = {"Authorization", "Bearer ci-token"};

    // ---- paging --------------------------------------------------------------------------------

    @Test
    void withoutPagingTheBodyIsServedAsIs() throws Exception {
        Answer answer = get("/status");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("version").asString()).isEqualTo("1.2.3");
        assertThat(answer.json().path("ok").asBoolean()).isTrue();
    }

    @Test
    void pagePagingServesBareArraysPageByPageWithGitLabsHeaders() throws Exception {
        List<Integer> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Answer answer = get("/ci/pipelines?" + REF + "&per_page=10&page=" + page, CI);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().isArray()).isTrue();
            assertThat(answer.header("X-Total")).isEqualTo("25");
            if (answer.json().isEmpty()) {
                break;
            }
            all.addAll(ids(answer.json()));
            assertThat(answer.header("X-Next-Page")).isEqualTo(page < 3 ? String.valueOf(page + 1) : "");
        }
        assertThat(all)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        // without per_page, GitLab's default of 20 capped by maxSize
        assertThat(get("/ci/pipelines?" + REF, CI).json()).hasSize(10);
    }

    @Test
    void anOversizePageOrABadPageNumberIsRefused() throws Exception {
        Answer oversize = get("/ci/pipelines?" + REF + "&per_page=11", CI);
        assertThat(oversize.status()).isEqualTo(400);
        assertThat(oversize.header("Content-Type")).startsWith("application/json");
        assertThat(oversize.json().path("message").asString()).contains("per_page", "10");

        assertThat(get("/ci/pipelines?" + REF + "&per_page=0", CI).status()).isEqualTo(400);
        assertThat(get("/ci/pipelines?" + REF + "&per_page=ten", CI).status()).isEqualTo(400);
        assertThat(get("/ci/pipelines?" + REF + "&page=0", CI).status()).isEqualTo(400);
        assertThat(get("/ci/pipelines?" + REF + "&per_page=10", CI).status()).isEqualTo(200);
    }

    @Test
    void aRequiredQueryParameterMissingOrWrongIsRefused() throws Exception {
        Answer missing = get("/ci/pipelines", CI);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("message").asString()).contains("ref");

        Answer wrong = get("/ci/pipelines?ref=release%2F2026.6", CI);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("message").asString()).contains("release/2026.7", "release/2026.6");
    }

    @Test
    void offsetPagingWrapsItemsInTheConfiguredField() throws Exception {
        String auth = basic("deployer", "p:ss w0rd");
        Answer first = get("/deployments?offset=0&limit=5", "Authorization", auth);
        Answer second = get("/deployments?offset=5&limit=5", "Authorization", auth);
        Answer past = get("/deployments?offset=10&limit=5", "Authorization", auth);

        assertThat(ids(first.json().path("data").path("items"))).containsExactly(1, 2, 3, 4, 5);
        assertThat(ids(second.json().path("data").path("items"))).containsExactly(6, 7);
        assertThat(past.json().path("data").path("items").isEmpty()).isTrue();
        assertThat(get("/deployments?offset=-1", "Authorization", auth).status())
                .isEqualTo(400);
        assertThat(get("/deployments?limit=6", "Authorization", auth).status()).isEqualTo(400);
    }

    @Test
    void cursorPagingHandsOpaqueCursorsUntilTheLastPage() throws Exception {
        List<Integer> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer answer = get("/incidents" + (cursor == null ? "" : "?cursor=" + cursor), "X-Api-Key", "inc-key");
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            all.addAll(ids(answer.json().path("data")));
            cursor = answer.json().has("next") ? answer.json().path("next").asString() : null;
            pages++;
        } while (cursor != null);

        assertThat(all).containsExactly(1, 2, 3, 4, 5);
        assertThat(pages).isEqualTo(3);
        assertThat(get("/incidents?cursor=forged", "X-Api-Key", "inc-key").status())
                .isEqualTo(400);
    }

    @Test
    void cursorPagingHonoursCustomItemsAndCursorFields() throws Exception {
        Answer first = get("/audit?limit=2");
        JsonNode result = first.json().path("result");
        assertThat(ids(result.path("entries"))).containsExactly(1, 2);

        Answer last = get("/audit?limit=2&after=" + result.path("nextCursor").asString());
        assertThat(ids(last.json().path("result").path("entries"))).containsExactly(3);
        assertThat(last.json().path("result").has("nextCursor")).isFalse();
    }

    @Test
    void linkPagingGivesAbsoluteNextLinksKeepingTheOtherParameters() throws Exception {
        String bearer = "Bearer " + accessToken();
        List<Integer> all = new ArrayList<>();
        String url = SANDBOX.sourcesUrl() + "/releases?state=open";
        List<String> seen = new ArrayList<>();
        while (url != null) {
            seen.add(url);
            Answer answer = get(url, "Authorization", bearer);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            all.addAll(ids(answer.json()));
            Matcher next = NEXT.matcher(answer.header("Link"));
            url = next.find() ? next.group(1) : null;
        }

        assertThat(all).containsExactly(1, 2, 3, 4, 5);
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1)).startsWith(SANDBOX.sourcesUrl() + "/releases?").contains("state=open", "page=2");
    }

    // ---- auth --------------------------------------------------------------------------------------

    @Test
    void bearerTokenIsCheckedWithAChallenge() throws Exception {
        Answer none = get("/ci/pipelines?" + REF);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer realm=").doesNotContain("error=");
        assertThat(none.json().path("error").asString()).isEqualTo("unauthorized");

        Answer wrong = get("/ci/pipelines?" + REF, "Authorization", "Bearer nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

        assertThat(get("/ci/pipelines?" + REF, CI).status()).isEqualTo(200);
    }

    @Test
    void basicCredentialsAreChecked() throws Exception {
        Answer none = get("/deployments");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Basic realm=");

        assertThat(get("/deployments", "Authorization", basic("deployer", "wrong"))
                        .status())
                .isEqualTo(401);
        assertThat(get("/deployments", "Authorization", "Bearer p:ss w0rd").status())
                .isEqualTo(401);
        assertThat(get("/deployments", "Authorization", basic("deployer", "p:ss w0rd"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anApiKeyHeaderIsChecked() throws Exception {
        Answer none = get("/incidents");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).contains("X-Api-Key");

        assertThat(get("/incidents", "X-Api-Key", "wrong").status()).isEqualTo(401);
        assertThat(get("/incidents", "x-api-key", "inc-key").status())
                .as("header names are case-insensitive")
                .isEqualTo(200);
    }

    @Test
    void oauth2ClientCredentialsGiveATokenTheEndpointAccepts() throws Exception {
        int before = SANDBOX.sourceTokenRequests();
        Answer viaHeader = token("grant_type=client_credentials", "Authorization", basic("preflight", "s3cret"));
        Answer viaForm = token("grant_type=client_credentials&client_id=preflight&client_secret=s3cret&scope=read");

        for (Answer answer : List.of(viaHeader, viaForm)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().path("token_type").asString()).isEqualTo("Bearer");
            assertThat(answer.json().path("expires_in").asInt()).isEqualTo(600);
            assertThat(answer.json().path("scope").asString()).isEqualTo("read");
            assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        }
        String token = viaForm.json().path("access_token").asString();
        assertThat(token)
                .isNotBlank()
                .isNotEqualTo(viaHeader.json().path("access_token").asString());
        assertThat(get("/releases", "Authorization", "Bearer " + token).status())
                .isEqualTo(200);
        assertThat(SANDBOX.sourceTokenRequests() - before).isEqualTo(2);
    }

    @Test
    void oauth2RefusesBadClientsGrantsScopesAndTokens() throws Exception {
        Answer badSecretInHeader = token("grant_type=client_credentials", "Authorization", basic("preflight", "x"));
        assertThat(badSecretInHeader.status()).isEqualTo(401);
        assertThat(badSecretInHeader.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(badSecretInHeader.json().path("error").asString()).isEqualTo("invalid_client");

        Answer badSecretInForm = token("grant_type=client_credentials&client_id=preflight&client_secret=x");
        assertThat(badSecretInForm.status()).isEqualTo(400);
        assertThat(badSecretInForm.json().path("error").asString()).isEqualTo("invalid_client");

        Answer noClient = token("grant_type=client_credentials");
        assertThat(noClient.status()).isEqualTo(401);
        assertThat(noClient.json().path("error").asString()).isEqualTo("invalid_client");

        assertThat(token("grant_type=password", "Authorization", basic("preflight", "s3cret"))
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("unsupported_grant_type");
        assertThat(token("client_id=preflight&client_secret=s3cret")
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("invalid_request");
        Answer scope =
                token("grant_type=client_credentials&scope=write", "Authorization", basic("preflight", "s3cret"));
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.json().path("error").asString()).isEqualTo("invalid_scope");

        Answer noToken = get("/releases");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(get("/releases", "Authorization", "Bearer forged").header("WWW-Authenticate"))
                .contains("invalid_token");
    }

    @Test
    void anExpiredAccessTokenIsRefused() throws Exception {
        String bearer = "Bearer " + accessToken();
        assertThat(get("/releases", "Authorization", bearer).status()).isEqualTo(200);

        SANDBOX.expireSourceTokens();

        Answer expired = get("/releases", "Authorization", bearer);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.header("WWW-Authenticate")).contains("invalid_token", "expired");
        assertThat(get("/releases", "Authorization", "Bearer " + accessToken()).status())
                .isEqualTo(200);
    }

    // ---- the rest --------------------------------------------------------------------------------

    @Test
    void unknownPathsAndOtherMethodsAreRefusedInJson() throws Exception {
        Answer unknown = get("/nowhere");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asString()).isEqualTo("not_found");

        HttpResponse<String> post = HTTP.send(
                HttpRequest.newBuilder(URI.create(SANDBOX.sourcesUrl() + "/status"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void anEndpointCanAnswerHtml() throws Exception {
        Answer answer = get("/login");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.text()).isEqualTo("<html><body>Sign in</body></html>");
    }

    @Test
    void injectedStatusesAreServedThenTheEndpointRecovers() throws Exception {
        long before = SANDBOX.requestCount("sources");
        SANDBOX.inject(fault(500, null, 2, "/status"));

        assertThat(get("/status").status()).isEqualTo(500);
        assertThat(get("/status").status()).isEqualTo(500);
        assertThat(get("/status").status()).isEqualTo(200);
        assertThat(SANDBOX.requestCount("sources") - before).isEqualTo(3);
    }

    @Test
    void anInjectedResetDropsTheConnectionOnce() throws Exception {
        SANDBOX.inject(fault(null, "reset", 1, "/status"));
        // a raw socket: HttpClient retries a reset GET by itself, which would hide the reset
        URI base = URI.create(SANDBOX.sourcesUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write("GET /status HTTP/1.1\r\nHost: sandbox\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).as("the connection closes without an answer").isEqualTo(-1);
        }
        assertThat(get("/status").status()).isEqualTo(200);
    }

    @Test
    void scenarioFaultsAndLatencyApplyToSources() throws Exception {
        Scenario base = parse(SCENARIO);
        Scenario slow = base.withLatency(Map.of("sources", 300))
                .withFaults(List.of(new Scenario.Fault("sources", 503, 2, 1, null, null, "/status")));
        try (Sandbox sandbox = Sandbox.start(slow)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.sourcesUrl() + "/status"))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> unavailable = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.headers().firstValue("Retry-After")).contains("2");
            assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            assertThat(sandbox.endpoints().sourcesUrl()).isEqualTo(sandbox.sourcesUrl());
        }
    }

    @Test
    void theDemoServesItsCustomChecksSources() throws Exception {
        try (Sandbox demo = Sandbox.start(DemoScenario.load())) {
            String ref = "ref=" + URLEncoder.encode("release/" + "2026.7", StandardCharsets.UTF_8);
            HttpResponse<String> pipelines = HTTP.send(
                    HttpRequest.newBuilder(URI.create(demo.sourcesUrl() + "/ci/pipelines?" + ref + "&per_page=100"))
                            .header("Authorization", "Bearer demo-ci-token")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(pipelines.statusCode()).as(pipelines.body()).isEqualTo(200);
            JsonNode latest = JSON.readTree(pipelines.body()).get(0);
            assertThat(latest.path("ref").asString()).isEqualTo("release/2026.7");
            assertThat(latest.path("status").asString()).isEqualTo("failed");

            List<JsonNode> incidents = new ArrayList<>();
            String cursor = null;
            do {
                HttpResponse<String> page = HTTP.send(
                        HttpRequest.newBuilder(URI.create(
                                        demo.sourcesUrl() + "/incidents" + (cursor == null ? "" : "?cursor=" + cursor)))
                                .header("X-Api-Key", "demo-incidents-key")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                JsonNode answer = JSON.readTree(page.body());
                answer.path("data").forEach(incidents::add);
                cursor = answer.has("next") ? answer.path("next").asString() : null;
            } while (cursor != null);
            assertThat(incidents)
                    .filteredOn(i -> i.path("state").asString().equals("open")
                            && i.path("severity").asString().equals("blocking")
                            && i.path("release").asString().equals("2026.7"))
                    .hasSize(1);
            assertThat(demo.scenario().jira().issues().stream()
                            .filter(issue -> issue.labels().contains("do-not-ship")
                                    || issue.labels().contains("db-change"))
                            .count())
                    .isBetween(2L, 3L);
        }
    }

    private static Scenario.Fault fault(@Nullable Integer status, @Nullable String kind, int times, String path) {
        return new Scenario.Fault("sources", status, null, times, kind, null, path);
    }
}
