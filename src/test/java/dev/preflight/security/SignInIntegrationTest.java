package dev.preflight.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sign-in, sessions, CSRF, API tokens and the audit log over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());
    static final Pattern TOKEN = Pattern.compile("id=\"issued-token\">(pft_[A-Za-z0-9_-]+)<");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> bearer(String method, String path, String token) {
        return new HttpVisitor(port)
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                method.equals("POST")
                                        ? HttpRequest.BodyPublishers.ofString("{\"project\":\"ET\"}")
                                        : HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    @Test
    void nobodyGetsInWithoutSigningIn() {
        HttpVisitor anonymous = new HttpVisitor(port);

        assertThat(anonymous.get("/").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        HttpResponse<String> api = anonymous.get("/api/v1/executions");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(anonymous.get("/api/docs").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/health").body())
                .contains("\"status\":\"UP\"")
                .doesNotContain("components", "details");
        assertThat(anonymous.get("/actuator/env").statusCode()).isIn(302, 401, 404);
        assertThat(anonymous.get("/preflight.css").statusCode()).isEqualTo(200);
        assertThat(bearer("GET", "/api/v1/executions", "pft_made-up").statusCode())
                .isEqualTo(401);
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        HttpResponse<String> login = new HttpVisitor(port).get("/login");

        String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // HSTS only over HTTPS
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void signingInGivesANewSessionAndSigningOutEndsIt() {
        HttpVisitor visitor = new HttpVisitor(port);
        // an attacker plants a session id of their choosing before the victim signs in
        String before = "2c0f1c9e-5b1e-4a5e-9d55-planted00000";
        visitor.useSession(before);
        visitor.get("/login");

        HttpResponse<String> signedIn =
                visitor.post("/login", Map.of("username", TestAccounts.ADMIN, "password", TestAccounts.ADMIN_PASSWORD));
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        String after = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("SESSION="))
                .map(cookie -> cookie.substring("SESSION=".length(), cookie.indexOf(';')))
                .findFirst()
                .orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(visitor.session().map(s -> s.length())).isPresent();
        HttpResponse<String> home = visitor.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("admin", "readwrite", "Sign out");
        assertThat(visitor.get("/login").headers().firstValue("Location"))
                .as("the sign-in page sends a signed-in person home")
                .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        String cookie = home.headers().allValues("Set-Cookie").stream()
                .findFirst()
                .orElse(signedIn.headers().allValues("Set-Cookie").toString());
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION")
                        .query(Long.class)
                        .single())
                .as("sessions live in the database, shared by every node")
                .isPositive();

        // the session fixed before sign-in is not the signed-in one
        HttpVisitor attacker = new HttpVisitor(port);
        attacker.useSession(before);
        assertThat(attacker.get("/").statusCode()).isEqualTo(302);

        assertThat(visitor.post("/logout", Map.of()).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/logged-out"));
        HttpVisitor replay = new HttpVisitor(port);
        replay.useSession(after);
        assertThat(replay.get("/").statusCode())
                .as("a signed-out session is dead")
                .isEqualTo(302);
    }

    @Test
    void wrongPasswordsAreRefusedAndAudited() {
        HttpVisitor visitor = new HttpVisitor(port);

        HttpResponse<String> refused = visitor.signIn(TestAccounts.ADMIN, "not-the-password");

        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(visitor.get("/login?error").body()).contains("Wrong account name or password.");
        assertThat(context.getBean(AuditLog.class).recent(TestAccounts.ADMIN, "sign-in.failed", 10))
                .isNotEmpty();
    }

    @Test
    void stateChangesWithASessionNeedTheCsrfToken() {
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        visitor.get("/");

        assertThat(visitor.postRaw("/executions/delete-all", Map.of()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> api =
                visitor.send(HttpRequest.newBuilder(URI.create(visitor.base() + "/api/v1/executions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"project\":\"ET\"}"))
                        .build());
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.body()).contains("CSRF");
        HttpResponse<String> withToken =
                visitor.send(HttpRequest.newBuilder(URI.create(visitor.base() + "/api/v1/executions?project=nope"))
                        .header("X-CSRF-TOKEN", visitor.csrf())
                        .GET()
                        .build());
        assertThat(withToken.statusCode()).isEqualTo(200);
    }

    @Test
    void aGeneratedPasswordMustBeChangedFirst() {
        String generated = context.getBean(LocalAccounts.class).add("newcomer", Role.READ, java.util.Optional.empty());
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signIn("newcomer", generated);

        assertThat(visitor.get("/executions").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/account/password"));
        visitor.get("/account/password");
        HttpResponse<String> changed = visitor.post(
                "/account/password",
                Map.of(
                        "current",
                        generated,
                        "replacement",
                        "a-brand-new-secret",
                        "confirmation",
                        "a-brand-new-secret"));
        assertThat(changed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
        assertThat(visitor.get("/executions").statusCode()).isEqualTo(200);

        HttpVisitor again = new HttpVisitor(port);
        assertThat(again.signIn("newcomer", generated).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    @Test
    void apiTokensAreShownOnceUsableRevocableAndPersonal() {
        TestAccounts.account(context, "reader", Role.READ, "reader-password-1");
        HttpVisitor reader = new HttpVisitor(port);
        reader.signIn("reader", "reader-password-1");
        reader.get("/account");
        reader.post("/account/tokens", Map.of("name", "script", "days", "30"));
        Matcher shown = TOKEN.matcher(reader.get("/account").body());
        assertThat(shown.find()).as("the new token is shown once").isTrue();
        String token = shown.group(1);
        assertThat(reader.get("/account").body()).doesNotContain(token);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ?")
                        .param(token)
                        .query(Long.class)
                        .single())
                .as("only the hash is stored")
                .isZero();

        assertThat(bearer("GET", "/api/v1/executions", token).statusCode()).isEqualTo(200);
        assertThat(bearer("POST", "/api/v1/executions", token).statusCode())
                .as("a read token cannot start a check")
                .isEqualTo(403);

        UUID id = context.getBean(ApiTokens.class).of("local:reader").getFirst().id();
        HttpVisitor admin = new HttpVisitor(port);
        admin.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        admin.get("/account");
        assertThat(admin.post("/account/tokens/" + id + "/revoke", Map.of()).statusCode())
                .as("someone else's token is not found")
                .isEqualTo(404);
        assertThat(bearer("GET", "/api/v1/executions", token).statusCode()).isEqualTo(200);

        assertThat(reader.post("/account/tokens/" + id + "/revoke", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(bearer("GET", "/api/v1/executions", token).statusCode()).isEqualTo(401);

        String audit = bearer("GET", "/api/v1/audit?actor=reader", TestAccounts.adminToken(context))
                .body();
        assertThat(audit)
                .contains("\"sign-in\"", "\"token.create\"", "\"token.revoke\"")
                .doesNotContain(token);
    }

    @Test
    void madeUpOrDeletedIdsAreNotFoundAndLeakNothing() {
        String token = TestAccounts.adminToken(context);
        HttpResponse<String> madeUp = bearer("GET", "/api/v1/executions/" + UUID.randomUUID(), token);
        HttpResponse<String> garbage = bearer("GET", "/api/v1/executions/..%2F..%2Fetc", token);

        assertThat(madeUp.statusCode()).isEqualTo(404);
        assertThat(garbage.statusCode()).isIn(400, 404);
        assertThat(madeUp.body() + garbage.body()).doesNotContain("Exception", "at dev.preflight");
    }

    /** Redirects are relative and links come from the connection's address: never from a Host header a client made up. */
    @Test
    void aForgedHostHeaderIsNotReflectedInRedirects() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);

            org.assertj.core.api.Assertions.assertThat(answer)
                    .startsWith("HTTP/1.1 302")
                    .containsPattern("(?i)location: /login")
                    .doesNotContain("evil.example");
        }
        String body = "{\"project\":\"ET\",\"skip\":[\"resync\",\"outdated\"]}";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("POST /api/v1/executions HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n"
                                    + "Authorization: Bearer " + TestAccounts.adminToken(context) + "\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                                    + body)
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);

            assertThat(answer)
                    .startsWith("HTTP/1.1 202")
                    .containsPattern("(?i)location: http://127\\.0\\.0\\.1:" + port + "/api/v1/executions/")
                    .doesNotContain("evil.example");
        }
    }
}
