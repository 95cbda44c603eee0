package dev.preflight.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The network rules over real HTTP: the API only from 10.0.0.0/8 and fd00::/8, seen through a
 * trusted proxy on loopback (each test comes "from" its own address); sign-in throttling; the
 * absolute session lifetime; the per-person limit on starting checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NetworkLimitsIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("preflight.security.allowlist.addresses", () -> "10.0.0.0/8, fd00::/8");
        registry.add("preflight.security.allowlist.applies-to", () -> "api");
        registry.add("preflight.security.trusted-proxies", () -> "127.0.0.1/32, ::1");
        registry.add("preflight.security.sign-in-attempts", () -> "3");
        registry.add("preflight.security.session.absolute-timeout", () -> "2s");
        registry.add("preflight.security.checks-per-minute", () -> "2");
        TestAccounts.admin(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private HttpResponse<String> api(String from, String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Forwarded-For", from)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        method.equals("POST")
                                ? HttpRequest.BodyPublishers.ofString("{\"project\":\"ET\",\"skip\":[\"resync\"]}")
                                : HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new HttpVisitor(port).send(request.build());
    }

    @Test
    void theApiAnswersOnlyTheAllowedNetworks() {
        String token = TestAccounts.adminToken(context);

        assertThat(new HttpVisitor(port).get("/api/v1/executions").statusCode())
                .as("loopback itself is not in the list")
                .isEqualTo(403);
        assertThat(api("203.0.113.9", "GET", "/api/v1/executions", token).statusCode())
                .isEqualTo(403);
        assertThat(api("10.1.2.3", "GET", "/api/v1/executions", token).statusCode())
                .isEqualTo(200);
        assertThat(api("fd00::17", "GET", "/api/v1/executions", token).statusCode())
                .isEqualTo(200);
        assertThat(api("10.1.2.3", "GET", "/api/v1/executions", null).statusCode())
                .as("the allowlist never replaces sign-in")
                .isEqualTo(401);
        assertThat(new HttpVisitor(port).get("/login").statusCode())
                .as("the UI is not limited here")
                .isEqualTo(200);
        assertThat(new HttpVisitor(port).get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedFailedSignInsLockTheAccountForAWhile() {
        HttpVisitor visitor = new HttpVisitor(port).header("X-Forwarded-For", "10.9.9.1");
        for (int i = 0; i < 3; i++) {
            assertThat(visitor.signIn("admin", "guess-" + i).headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }

        HttpResponse<String> right = new HttpVisitor(port)
                .header("X-Forwarded-For", "10.9.9.2")
                .signIn("admin", TestAccounts.ADMIN_PASSWORD);

        assertThat(right.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?throttled"));
        assertThat(new HttpVisitor(port).get("/login?throttled").body()).contains("Too many failed sign-ins");
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverActive() throws Exception {
        TestAccounts.account(context, "busy", Role.READ, "busy-password-1");
        HttpVisitor visitor = new HttpVisitor(port).header("X-Forwarded-For", "10.9.9.3");
        visitor.signIn("busy", "busy-password-1");
        assertThat(visitor.get("/executions").statusCode()).isEqualTo(200);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread.sleep(500);
            statuses.add(visitor.get("/executions").statusCode());
        }

        assertThat(statuses).startsWith(200).endsWith(302);
        assertThat(visitor.get("/executions").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void startingChecksIsLimitedPerPerson() {
        String token = TestAccounts.adminToken(context);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(api("10.1.2.4", "POST", "/api/v1/executions", token).statusCode());
        }

        assertThat(statuses.subList(0, 2)).allMatch(s -> s == 202 || s == 409);
        assertThat(statuses.get(2)).isEqualTo(429);
    }
}
