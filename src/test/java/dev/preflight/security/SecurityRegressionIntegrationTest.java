package dev.preflight.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Findings of the penetration test (issue 11) replayed over real HTTP: each failed before its fix. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityRegressionIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());
    static final String PASSWORD = "correct horse battery";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
        // guessing tests come from their own (forwarded) addresses, so the others' sign-ins are not throttled
        registry.add("preflight.security.trusted-proxies", () -> "127.0.0.1/32, ::1");
        registry.add("preflight.security.body-deadline", () -> "2s");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LocalAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    private HttpVisitor signedIn(String name, Role role) {
        TestAccounts.account(context, name, role, PASSWORD);
        HttpVisitor visitor = new HttpVisitor(port);
        assertThat(visitor.signIn(name, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(visitor.get("/account").statusCode()).isEqualTo(200);
        return visitor;
    }

    @Test
    void removingAnAccountEndsItsSessionsAtOnce() {
        HttpVisitor carol = signedIn("carol", Role.READWRITE);
        assertThat(carol.get("/audit").statusCode()).isEqualTo(200);

        accounts.remove("carol"); // as `preflight users remove carol` does, from another process

        HttpResponse<String> after = carol.get("/audit");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?ended=removed"));
        assertThat(carol.get("/account").statusCode()).as("the session is gone").isEqualTo(302);
    }

    @Test
    void demotingAnAccountEndsItsSessions() {
        HttpVisitor dan = signedIn("dan", Role.READWRITE);

        accounts.setRole("dan", Role.READ);

        assertThat(dan.get("/schedules").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?ended=roleChanged"));
    }

    @Test
    void changingAPasswordEndsTheOtherSessionsAndRevokesTokens() {
        HttpVisitor here = signedIn("erin", Role.READWRITE);
        HttpVisitor elsewhere = new HttpVisitor(port);
        elsewhere.signIn("erin", PASSWORD);
        String token = tokens.issue(
                        new Member(Member.localId("erin"), "erin", java.util.Optional.of(Role.READWRITE)),
                        "ci",
                        java.time.Duration.ofDays(30))
                .value();

        here.get("/account/password");
        HttpResponse<String> changed = here.post(
                "/account/password",
                Map.of(
                        "current",
                        PASSWORD,
                        "replacement",
                        "a much longer new passphrase",
                        "confirmation",
                        "a much longer new passphrase"));

        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(here.get("/account").statusCode())
                .as("the session that changed it stays")
                .isEqualTo(200);
        assertThat(elsewhere.get("/account").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?ended=passwordChanged"));
        assertThat(tokens.authenticate(token)).as("tokens revoked").isEmpty();
    }

    @Test
    void aBearerTokenCannotMintTokensOrChangeThePassword() {
        TestAccounts.account(context, "frank", Role.READWRITE, PASSWORD);
        String token = tokens.issue(
                        new Member(Member.localId("frank"), "frank", java.util.Optional.of(Role.READWRITE)),
                        "leaked",
                        java.time.Duration.ofDays(30))
                .value();
        for (String path : List.of("/account/tokens", "/account/password", "/account/tokens/x/revoke")) {
            HttpResponse<String> answer = new HttpVisitor(port)
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("name=more&days=366"))
                            .build());
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.headers().firstValue("Set-Cookie"))
                    .as("no session")
                    .isEmpty();
        }
        assertThat(tokens.of(Member.localId("frank"))).hasSize(1);
    }

    @Test
    void theLockoutCannotBeBypassedWithWhitespace() {
        TestAccounts.account(context, "grace", Role.READ, PASSWORD);
        for (int i = 0; i < 10; i++) {
            new HttpVisitor(port).header("X-Forwarded-For", "10.1.0." + i).signIn("grace", "wrong password " + i);
        }
        for (String spelled : List.of("grace", "grace ", "grace\t", " grace")) {
            HttpResponse<String> attempt =
                    new HttpVisitor(port).header("X-Forwarded-For", "10.2.0.1").signIn(spelled, PASSWORD);
            assertThat(attempt.headers().firstValue("Location"))
                    .as("'%s'", spelled)
                    .hasValueSatisfying(l -> assertThat(l).contains("throttled"));
        }
    }

    /** Counts the password checks the server made: no more than the limit, however many arrive at once. */
    static final AtomicInteger CHECKED = new AtomicInteger();

    @org.springframework.boot.test.context.TestConfiguration
    static class Checks {
        @EventListener
        void failed(org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent event) {
            if (event.getAuthentication().getName().equals("heidi")) {
                CHECKED.incrementAndGet();
            }
        }
    }

    @Test
    void simultaneousSignInsGetNoMorePasswordChecksThanTheLimit() throws Exception {
        TestAccounts.account(context, "heidi", Role.READ, PASSWORD);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            attempts.add(() -> {
                HttpVisitor visitor = new HttpVisitor(port).header("X-Forwarded-For", "10.3.0." + n);
                return visitor.signIn("heidi", "nope " + n).statusCode();
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
            for (Future<Integer> done : pool.invokeAll(attempts)) {
                done.get();
            }
        }

        assertThat(CHECKED.get()).as("password checks").isBetween(1, 10);
    }

    @Test
    void passwordsInTheQueryStringAreRefusedAndNeverAudited() {
        HttpVisitor ivan = signedIn("ivan", Role.READWRITE);
        ivan.get("/account/password");

        HttpResponse<String> answer = ivan.post(
                "/account/password?current=" + PASSWORD.replace(" ", "+")
                        + "&replacement=another+long+passphrase&confirmation=another+long+passphrase",
                Map.of());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("must be sent in the request body");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_event WHERE detail LIKE '%horse%' OR detail LIKE '%passphrase%'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(new HttpVisitor(port).get("/login?password=x").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> api(String method, String path, String body) {
        return new HttpVisitor(port)
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + TestAccounts.adminToken(context))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    @Test
    void badReleasesAndProjectsAreRefusedAtTheEdgeWithoutAnUpstreamCall() {
        long jira = SANDBOX.requestCount("jira");

        HttpResponse<String> long128 =
                api("POST", "/api/v1/executions", "{\"project\":\"ET\",\"release\":\"" + "x".repeat(200) + "\"}");
        HttpResponse<String> forged =
                api("POST", "/api/v1/executions", "{\"project\":\"ET\",\"release\":\"H3\\r\\nINFO forged line\"}");
        HttpResponse<String> dots = signedIn("judy", Role.READ).get("/?project=..");

        assertThat(long128.statusCode()).isEqualTo(400);
        assertThat(long128.body())
                .contains("release: ")
                .contains("longer than 128")
                .doesNotContain("x".repeat(40));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("control character");
        assertThat(dots.body()).contains("is not a Jira project key");
        assertThat(SANDBOX.requestCount("jira")).as("no call reached Jira").isEqualTo(jira);
    }

    @Test
    void aScheduleFiringEverySecondIsRefused() {
        HttpResponse<String> answer = api(
                "POST",
                "/api/v1/schedules",
                "{\"name\":\"flood\",\"cron\":\"* * * * * *\",\"zone\":\"UTC\",\"project\":\"ET\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("cron: fires more often than every 60 s");
    }

    /** Sends raw bytes (some no HTTP client would send), pausing where the list holds a null; the answer. */
    private String raw(List<byte[]> parts) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (byte[] part : parts) {
                        if (part == null) {
                            Thread.sleep(700);
                        } else {
                            socket.getOutputStream().write(part);
                            socket.getOutputStream().flush();
                        }
                    }
                } catch (Exception closed) {
                    // the server answered and closed the connection: the rest is not wanted
                }
            });
            String answer =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            writer.interrupt();
            return answer;
        }
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aHeaderTomcatRejectsLeavesNoTraceInTheLogAndItsErrorPageCarriesTheSecurityHeaders(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        String answer =
                raw(List.of(("GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer pft_leakedSecret42\u0001\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        String path = raw(List.of("GET /a|b%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes()));

        for (String page : List.of(answer, path)) {
            assertThat(page).startsWith("HTTP/1.1 400");
            assertThat(page)
                    .contains("Content-Security-Policy: default-src 'none'; frame-ancestors 'none'")
                    .contains("X-Content-Type-Options: nosniff")
                    .contains("X-Frame-Options: DENY")
                    .doesNotContain("Apache Tomcat")
                    .doesNotContain("Exception");
        }
        assertThat(output.getAll()).doesNotContain("pft_leakedSecret42");
    }

    @Test
    void aBodyTrickledByteByByteIsCutOffAtItsDeadline() throws Exception {
        String body = "{\"project\":\"ET\",\"release\":\"H3-2026.7\"}";
        List<byte[]> parts = new ArrayList<>();
        parts.add(("POST /api/v1/executions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Authorization: Bearer " + TestAccounts.adminToken(context) + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                .getBytes());
        for (char c : body.toCharArray()) { // 40 bytes, one every 0.7 s: 28 s if it were let through
            parts.add(new byte[] {(byte) c});
            parts.add(null);
        }
        long started = System.nanoTime();
        Future<String> answer = Executors.newVirtualThreadPerTaskExecutor().submit(() -> raw(parts));

        String page = answer.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(page).startsWith("HTTP/1.1 400");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(java.time.Duration.ofSeconds(10));
    }

    @Test
    void aBodyOverOneMegabyteIsRefusedUnread() {
        String huge = "{\"project\":\"ET\",\"release\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        HttpResponse<String> answer = api("POST", "/api/v1/executions", huge);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("at most 1024 KB");
    }

    @Test
    void commonAndRepeatedPasswordsAreRefusedWithAClearMessage() {
        HttpVisitor kim = signedIn("kim", Role.READ);
        for (String weak : List.of("aaaaaaaaaaaa", "abcabcabcabc", "password1234", "qwertyuiop123!", "iloveyou2024")) {
            kim.get("/account/password");
            HttpResponse<String> answer = kim.post(
                    "/account/password", Map.of("current", PASSWORD, "replacement", weak, "confirmation", weak));
            assertThat(answer.statusCode()).as(weak).isEqualTo(200);
            assertThat(answer.body()).as(weak).containsAnyOf("repeated", "most common");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> accounts.add("lee", Role.READ, java.util.Optional.of("password2024!!")))
                .hasMessageContaining("most common");
    }

    private List<String> audited(String actor) {
        return jdbc.sql(
                        "SELECT action || ' ' || COALESCE(target, '-') || ' ' || outcome || ' ' || COALESCE(detail, '-')"
                                + " FROM audit_event WHERE actor = ? ORDER BY id")
                .param(actor)
                .query(String.class)
                .list();
    }

    @Test
    void theAuditSaysWhatWasRefusedAndWhyAlwaysWithATarget() {
        HttpVisitor mia = signedIn("mia", Role.READWRITE);
        mia.get("/account/password");
        mia.post("/account/password", Map.of("current", "wrong one here", "replacement", "x", "confirmation", "y"));
        mia.get("/account");
        mia.post("/account/tokens", Map.of("name", "nightly", "days", "999"));
        mia.get("/");
        mia.post("/checks", Map.of("project", "ET", "release", "H3\r\nforged"));
        mia.postRaw("/schedules", Map.of("name", "no-csrf", "cron", "@daily", "zone", "UTC", "project", "ET"));
        HttpVisitor reader = signedIn("nia", Role.READ);
        reader.get("/");
        reader.post("/checks", Map.of("project", "ET"));

        assertThat(audited("mia"))
                .anySatisfy(
                        line -> assertThat(line).startsWith("password.change").contains("refused"))
                .anySatisfy(line -> assertThat(line).startsWith("token.create nightly refused invalid input"))
                .anySatisfy(line ->
                        assertThat(line).startsWith("check.start ET H3").contains("refused invalid input: release"))
                .anySatisfy(line -> assertThat(line).startsWith("POST /schedules - refused CSRF"))
                .noneSatisfy(line -> assertThat(line).contains(" done ").doesNotStartWith("sign-in"));
        assertThat(audited("nia")).anySatisfy(line -> assertThat(line).startsWith("POST /checks - refused denied"));

        HttpResponse<String> started =
                api("POST", "/api/v1/executions", "{\"project\":\"ET\",\"skip\":[\"resync\",\"outdated\"]}");
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(audited(TestAccounts.ADMIN))
                .anySatisfy(line -> assertThat(line).startsWith("check.start ET H3-2026.7 done"));
    }

    @Test
    void anonymousRequestsStoreNoSession() {
        long before = jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION")
                .query(Long.class)
                .single();
        for (String path : List.of("/", "/login", "/executions", "/api/v1/executions", "/actuator/health")) {
            new HttpVisitor(port).get(path);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);

        HttpVisitor olivia = new HttpVisitor(port);
        TestAccounts.account(context, "olivia", Role.READ, PASSWORD);
        olivia.get("/executions?status=success");
        assertThat(olivia.signIn("olivia", PASSWORD).headers().firstValue("Location"))
                .as("back to the page first asked for")
                .hasValueSatisfying(l -> assertThat(l).contains("/executions?status=success"));
    }
}
