package dev.preflight.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.BrowserSubscription;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.PushedMessage;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.HttpVisitor;
import dev.preflight.security.Role;
import dev.preflight.security.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole way, over real HTTP: people turn notifications on from their page, a check runs
 * against the demo sandbox, and each person the report would @mention gets their count on their
 * device (a substitute for the absent Dave), the starter hears how it ended, a person who opted
 * out hears nothing, and a device its push service forgot is removed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalMessagesIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());
    static final String PASSWORD = "push-test-password-1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Path data = Files.createTempDirectory("preflight-push");
        registry.add("preflight.data-dir", data::toString);
        registry.add("preflight.push.poll", () -> "200ms");
        TestAccounts.admin(registry);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    PushSettings push;

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    private static final Pattern KEY = Pattern.compile("data-push-key=\"([^\"]+)\"");
    private static final Pattern CSRF_HEADER = Pattern.compile("name=\"csrf-header\" content=\"([^\"]+)\"");

    /** Signs in, opens the notifications page and registers a new browser subscription as its script does. */
    private HttpVisitor turnOn(String person) {
        TestAccounts.account(context, person, Role.READ, PASSWORD);
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signIn(person, PASSWORD);
        HttpResponse<String> page = visitor.get("/account/notifications");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher key = KEY.matcher(page.body());
        Matcher header = CSRF_HEADER.matcher(page.body());
        assertThat(key.find() && header.find())
                .as("the page offers to turn notifications on")
                .isTrue();
        BrowserSubscription browser = SANDBOX.pushSubscribe(key.group(1));
        HttpResponse<String> added = visitor.send(HttpRequest.newBuilder(
                        URI.create(visitor.base() + "/account/notifications/devices"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36")
                .header(header.group(1), visitor.csrf())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                        "endpoint", browser.endpoint(),
                        "keys", Map.of("p256dh", browser.p256dh(), "auth", browser.auth())))))
                .build());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        endpoints.put(person, browser.endpoint());
        return visitor;
    }

    private final Map<String, String> endpoints = new HashMap<>();

    private List<JsonNode> messagesOf(String person) {
        return SANDBOX.pushedMessages().stream()
                .filter(m -> m.endpoint().equals(endpoints.get(person)))
                .map(PushedMessage::payload)
                .map(json::readTree)
                .toList();
    }

    @Test
    void afterACheckEachPersonItNamesHearsOfTheirFindingsOnTheirDevice() throws Exception {
        HttpVisitor alice = turnOn("alice@example.com");
        for (String person : List.of(
                "bob@example.com",
                "carol@example.com",
                "erin@example.com",
                "frank@example.com",
                "grace@example.com",
                "heidi@example.com",
                TestAccounts.ADMIN + "-phone")) {
            if (!person.endsWith("-phone")) {
                turnOn(person);
            }
        }
        // the admin, who starts the check, on their own phone
        HttpVisitor admin = new HttpVisitor(port);
        admin.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        String adminKey = KEY.matcher(admin.get("/account/notifications").body())
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        BrowserSubscription adminPhone = SANDBOX.pushSubscribe(adminKey);
        push.register(
                "local:" + TestAccounts.ADMIN,
                TestAccounts.ADMIN,
                adminPhone.endpoint(),
                adminPhone.p256dh(),
                adminPhone.auth(),
                null);
        endpoints.put(TestAccounts.ADMIN, adminPhone.endpoint());

        // Bob wants only SLA messages; Erin's browser dropped its subscription
        HttpVisitor bob = new HttpVisitor(port);
        bob.signIn("bob@example.com", PASSWORD);
        bob.get("/account/notifications");
        assertThat(bob.post("/account/notifications/choices", Map.of("escalations", "true"))
                        .statusCode())
                .isEqualTo(302);
        SANDBOX.pushUnsubscribe(endpoints.get("erin@example.com"));

        String token = TestAccounts.adminToken(context);
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"project\":\"ET\",\"skip\":[\"resync\"],\"notify\":true}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json.readTree(started.body()).path("id").asString();
        JsonNode execution = awaitEnd(id, token);
        Instant ended = Instant.parse(execution.path("endedAt").asString());

        // whom the report names, and for how many findings: what each device must say
        Map<String, Integer> expected = new HashMap<>();
        String daveSubstitute = null;
        for (JsonNode row : execution.path("report").path("byAssignee")) {
            int count = 0;
            for (JsonNode keys : row.path("tickets")) {
                count += keys.size();
            }
            for (JsonNode person : row.path("notify")) {
                expected.merge(person.asString(), count, Integer::sum);
                if (row.path("assignee").asString().equals("dave@example.com")) {
                    daveSubstitute = person.asString();
                }
            }
        }
        assertThat(daveSubstitute).as("Dave is away: someone stands in").isNotNull();

        Instant deadline = Instant.now().plusSeconds(15);
        while (messagesOf(TestAccounts.ADMIN).isEmpty()
                || messagesOf("alice@example.com").isEmpty()) {
            assertThat(Instant.now())
                    .as(
                            "push messages within 15 s; the outbox: %s",
                            context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                                    .sql(
                                            "SELECT kind || ' ' || status || ' ' || attempts || ' ' || COALESCE(last_error, '') FROM push_outbox")
                                    .query(String.class)
                                    .list())
                    .isBefore(deadline);
            Thread.sleep(50);
        }
        Instant received = SANDBOX.pushedMessages().stream()
                .map(PushedMessage::receivedAt)
                .max(Instant::compareTo)
                .orElseThrow();
        System.out.printf(
                "push: the last message reached the push service %d ms after the check ended%n",
                Duration.between(ended, received).toMillis());
        Thread.sleep(600); // a poll more: nothing else may come

        for (String person : List.of(
                "alice@example.com",
                "carol@example.com",
                "frank@example.com",
                "grace@example.com",
                "heidi@example.com")) {
            List<JsonNode> findings = messagesOf(person).stream()
                    .filter(m -> m.path("kind").asString().equals("findings"))
                    .toList();
            if (!expected.containsKey(person)) {
                assertThat(findings).as(person + " has no finding").isEmpty();
                continue;
            }
            int count = expected.get(person);
            assertThat(findings).as(person).singleElement().satisfies(m -> {
                assertThat(m.path("title").asString())
                        .isEqualTo(count + (count == 1 ? " finding" : " findings") + " for you in H3-2026.7");
                assertThat(m.path("url").asString()).startsWith("/executions/" + id);
            });
        }
        assertThat(messagesOf(daveSubstitute).getFirst().path("body").asString())
                .contains("standing in for Dave Leroy");
        assertThat(messagesOf("bob@example.com"))
                .as("Bob chose SLA messages only")
                .isEmpty();
        assertThat(push.devices("local:erin@example.com"))
                .as("a device its push service forgot")
                .isEmpty();

        assertThat(messagesOf(TestAccounts.ADMIN)).singleElement().satisfies(m -> {
            assertThat(m.path("title").asString()).isEqualTo("Your check finished: not ready");
            assertThat(m.path("url").asString()).isEqualTo("/executions/" + id);
        });

        // a tap opens Alice's findings
        String url = messagesOf("alice@example.com").getFirst().path("url").asString();
        HttpResponse<String> page = alice.get(url);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Showing " + expected.get("alice@example.com") + " of ");

        assertThat(alice.get("/account/notifications").body()).contains("Chrome on Android");

        // an account removed: its devices go, so its messages reach nobody
        context.getBean(dev.preflight.security.LocalAccounts.class).remove("grace@example.com");
        assertThat(push.devices("local:grace@example.com")).isEmpty();
    }

    private JsonNode awaitEnd(String id, String token) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode execution = json.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions/" + id))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            if (!execution.path("status").asString().equals("running")) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution " + id + " still running");
    }
}
