package dev.preflight.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.TestClock;
import dev.preflight.sandbox.BrowserSubscription;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.PushedMessage;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Devices, the outbox and delivery over real HTTP to the sandbox's push service, which checks the
 * VAPID token and decrypts each message with keys made as a browser makes them (H2 in memory).
 */
class PushOutboxIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    // shared with the PostgreSQL subclass: closed with the JVM, not after the first class

    @TempDir
    Path data;

    private final JsonMapper json = JsonMapper.builder().build();
    JdbcClient jdbc;
    Devices devices;
    VapidKeyring keys;
    PushOutbox outbox;
    PushProperties properties;
    final TestClock clock = new TestClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

    /** The database the test runs on: H2 in memory here, PostgreSQL in a subclass. */
    javax.sql.DataSource database() {
        var h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:push-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    @BeforeEach
    void setUp() {
        javax.sql.DataSource database = database();
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(database);
        properties = properties("mailto:release-managers@example.com");
        devices = new Devices(jdbc, properties, Optional.of(clock));
        keys = new VapidKeyring(properties, jdbc, data, "", Optional.of(clock));
        outbox = new PushOutbox(jdbc, devices, keys, properties, json, Optional.of(clock), Optional.empty());
    }

    PushProperties properties(String subject) {
        return new PushProperties(
                subject,
                null,
                List.of("fcm.googleapis.com", "push.apple.com"),
                SANDBOX.endpoints().pushServiceUrl(),
                3,
                4,
                Duration.ofSeconds(1));
    }

    private String applicationServerKey() {
        return ((VapidKeyring.Ready) keys.state()).applicationServerKey();
    }

    BrowserSubscription subscribe(String person) {
        BrowserSubscription browser = SANDBOX.pushSubscribe(applicationServerKey());
        devices.register(
                "local:" + person,
                person,
                Subscription.of(
                        browser.endpoint(), browser.p256dh(), browser.auth(), Subscription.PushServices.of(properties)),
                "Chrome on Android");
        return browser;
    }

    List<PushedMessage> receivedBy(BrowserSubscription browser) {
        return SANDBOX.pushedMessages().stream()
                .filter(m -> m.endpoint().equals(browser.endpoint()))
                .toList();
    }

    static PushMessage findings(String title) {
        return new PushMessage(
                MessageKind.FINDINGS,
                title,
                "ET · Not ready — 3 blocking",
                "/executions/x",
                "findings-ET-H3",
                PushMessage.Urgency.NORMAL);
    }

    @Test
    void aMessageArrivesEncryptedSignedAndWithItsHeaders() {
        BrowserSubscription phone = subscribe("Alice@Example.com");

        assertThat(outbox.queue(List.of("alice@example.com"), findings("3 findings for you in H3-2026.7")))
                .isEqualTo(1);
        assertThat(outbox.deliverDue()).isEqualTo(1);

        PushedMessage message = receivedBy(phone).getFirst();
        JsonNode payload = json.readTree(message.payload());
        assertThat(payload.path("title").asString()).isEqualTo("3 findings for you in H3-2026.7");
        assertThat(payload.path("url").asString()).isEqualTo("/executions/x");
        assertThat(payload.path("kind").asString()).isEqualTo("findings");
        assertThat(message.ttl()).isEqualTo((int) Duration.ofHours(12).toSeconds());
        assertThat(message.urgency()).isEqualTo("normal");
        assertThat(message.topic()).hasSize(32);
        assertThat(message.subject()).isEqualTo("mailto:release-managers@example.com");
        assertThat(message.expiresAt()).isBefore(Instant.now().plus(Duration.ofHours(24)));
        assertThat(devices.of("local:Alice@Example.com").getFirst().lastSentAt())
                .isEqualTo(clock.instant());
        assertThat(outbox.deliverDue()).as("sent once").isZero();
    }

    @Test
    void anSlaBreachReachesThePeopleTheProblemNamesAtOnce() {
        BrowserSubscription phone = subscribe("heidi@example.com");
        UUID problem = UUID.randomUUID();
        new PersonalMessages(outbox)
                .on(new dev.preflight.sla.Escalations.Escalated(
                        problem,
                        "SLA breached: ET-101 (unready) in ET H3-2026.7",
                        "Take into account within 8 business hours (blocking): due Mon 7 Dec 18:00",
                        List.of("heidi@example.com", "release-managers@example.com"),
                        true));
        outbox.deliverDue();

        PushedMessage message = receivedBy(phone).getFirst();
        JsonNode payload = json.readTree(message.payload());
        assertThat(payload.path("title").asString()).isEqualTo("SLA breached: ET-101 (unready) in ET H3-2026.7");
        assertThat(payload.path("url").asString()).isEqualTo("/problems/" + problem);
        assertThat(payload.path("kind").asString()).isEqualTo("escalation");
        assertThat(message.urgency()).isEqualTo("high");
    }

    @Test
    void aBrowserMovesToWhoeverRegistersItWithItsKeysButAnEndpointAloneTakesNothing() {
        BrowserSubscription phone = subscribe("erin@example.com");
        var services = Subscription.PushServices.of(properties);
        BrowserSubscription other = SANDBOX.pushSubscribe(applicationServerKey());
        assertThatThrownBy(() -> devices.register(
                        "local:mallory",
                        "mallory",
                        Subscription.of(phone.endpoint(), other.p256dh(), other.auth(), services),
                        "Firefox on Linux"))
                .isInstanceOf(PushSettings.Conflict.class)
                .hasMessage("endpoint: already registered with other keys");
        assertThat(devices.of("local:erin@example.com")).hasSize(1);

        // the same browser, its keys and all, signed in as someone else: now theirs
        devices.register(
                "local:frank@example.com",
                "frank@example.com",
                Subscription.of(phone.endpoint(), phone.p256dh(), phone.auth(), services),
                "Chrome on Android");
        assertThat(devices.of("local:erin@example.com")).isEmpty();
        assertThat(devices.of("local:frank@example.com")).hasSize(1);
        assertThat(devices.forget("local:frank@example.com", phone.endpoint())).isTrue();
        assertThat(devices.of("local:frank@example.com")).isEmpty();
    }

    @Test
    void aDeviceItsPushServiceNoLongerKnowsIsRemovedWithItsMessages() {
        BrowserSubscription phone = subscribe("bob@example.com");
        SANDBOX.pushUnsubscribe(phone.endpoint());

        outbox.queue(List.of("bob@example.com"), findings("1 finding for you in H3-2026.7"));
        outbox.deliverDue();

        assertThat(devices.of("local:bob@example.com")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM push_outbox")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aBusyPushServiceIsAskedAgainWhenItSaysAndAFailingOneLessAndLessOftenUntilGivenUp() {
        BrowserSubscription phone = subscribe("carol@example.com");
        String path = phone.endpoint().substring(phone.endpoint().indexOf("/push/"));
        SANDBOX.inject(new Scenario.Fault("push", 429, 30, 1, null, null, "POST " + path));

        outbox.queue(List.of("carol@example.com"), findings("2 findings for you in H3-2026.7"));
        outbox.deliverDue();
        assertThat(receivedBy(phone)).isEmpty();
        clock.advance(Duration.ofSeconds(29));
        outbox.deliverDue();
        assertThat(receivedBy(phone)).as("not before its Retry-After").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        outbox.deliverDue();
        assertThat(receivedBy(phone)).hasSize(1);

        SANDBOX.inject(new Scenario.Fault("push", 503, null, 10, null, null, "POST " + path));
        outbox.queue(List.of("carol@example.com"), findings("again"));
        for (int attempt = 1; attempt <= 4; attempt++) {
            outbox.deliverDue();
            clock.advance(PushOutbox.backoff(attempt));
        }
        assertThat(jdbc.sql("SELECT status || ' ' || attempts FROM push_outbox WHERE payload LIKE '%again%'")
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED 4");
        assertThat(devices.of("local:carol@example.com").getFirst().lastError()).contains("503");
        assertThat(PushOutbox.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(PushOutbox.backoff(30)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aMessageWhoseTtlPassedIsGivenUp() {
        BrowserSubscription phone = subscribe("grace@example.com");
        outbox.queue(List.of("grace@example.com"), findings("late"));
        clock.advance(Duration.ofHours(13));
        outbox.deliverDue();
        assertThat(receivedBy(phone)).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM push_outbox")
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED");
    }

    @Test
    void aPersonChoosesWhichMessagesAndHasAFewDevicesAtMost() {
        subscribe("frank@example.com");
        devices.choose("local:frank@example.com", new PushSettings.Choices(false, true, true));
        assertThat(outbox.queue(List.of("frank@example.com"), findings("1 finding")))
                .isZero();
        assertThat(outbox.queue(
                        List.of("frank@example.com"),
                        new PushMessage(
                                MessageKind.FINISHED,
                                "Your check finished: ready",
                                "",
                                "/",
                                "t",
                                PushMessage.Urgency.NORMAL)))
                .isEqualTo(1);

        subscribe("frank@example.com");
        subscribe("frank@example.com");
        assertThatThrownBy(() -> subscribe("frank@example.com")).hasMessageStartingWith("devices: you have 3 already");
    }

    @Test
    void onlyHttpsEndpointsOfKnownPushServicesAreAccepted() {
        var services = Subscription.PushServices.of(properties);
        String key = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
        String auth = "tBHItJI5svbpez7KI4CCXg";
        assertThat(Subscription.of("https://fcm.googleapis.com/fcm/send/abc", key, auth, services)
                        .endpoint())
                .isEqualTo("https://fcm.googleapis.com/fcm/send/abc");
        assertThat(Subscription.of("https://web.push.apple.com/QG", key, auth, services))
                .isNotNull();
        assertThatThrownBy(() -> Subscription.of("http://fcm.googleapis.com/x", key, auth, services))
                .hasMessage("endpoint: must be an https URL");
        assertThatThrownBy(() -> Subscription.of("https://169.254.169.254/latest", key, auth, services))
                .hasMessage("endpoint: 169.254.169.254 is not a known push service (preflight.push.services)");
        assertThatThrownBy(() -> Subscription.of("https://evil-fcm.googleapis.com.attacker.net/x", key, auth, services))
                .hasMessageContaining("is not a known push service");
        assertThatThrownBy(() -> Subscription.of("https://fcm.googleapis.com:8443/x", key, auth, services))
                .hasMessage("endpoint: must not carry a user or a port");
        assertThatThrownBy(() -> Subscription.of("https://fcm.googleapis.com/x", "AAAA", auth, services))
                .hasMessage("keys.p256dh: must be an uncompressed P-256 point (65 bytes)");
        assertThatThrownBy(() -> Subscription.of("https://fcm.googleapis.com/x", key, "not base64!", services))
                .hasMessage("keys.auth: not base64url");
        assertThatThrownBy(() -> Subscription.of(null, key, auth, services)).hasMessage("endpoint: missing");
        // a point off the curve would fail every encryption later: refused now
        String offCurve = "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThatThrownBy(() -> Subscription.of("https://fcm.googleapis.com/x", offCurve, auth, services))
                .hasMessage("keys.p256dh: not a point on the P-256 curve");
        assertThatThrownBy(
                        () -> Subscription.of("https://fcm.googleapis.com/x", key, "tBHItJI5=svbpez7KI4CCXg", services))
                .hasMessage("keys.auth: not base64url");
        // kept as the push service is addressed: padding dropped, no default port (it would change the aud)
        Subscription padded =
                Subscription.of("https://fcm.googleapis.com:443/fcm/send/abc", key + "=", auth + "==", services);
        assertThat(padded.endpoint()).isEqualTo("https://fcm.googleapis.com/fcm/send/abc");
        assertThat(padded.p256dh()).isEqualTo(key);
        assertThat(padded.auth()).isEqualTo(auth);
    }

    @Test
    void theKeyPairIsASecretFileMadeOnceAndANodeWithAnotherPairSaysSo() throws Exception {
        String key = applicationServerKey();
        Path file = data.resolve("keys").resolve("vapid-keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(jdbc.sql("SELECT public_key FROM push_key")
                        .query(String.class)
                        .single())
                .isEqualTo(key);
        String stored = String.join(
                " ", jdbc.sql("SELECT * FROM push_key").query().listOfRows().toString());
        assertThat(stored).doesNotContain(Files.readAllLines(file).get(1));

        var again = new VapidKeyring(properties, jdbc, data, "", Optional.empty());
        assertThat(((VapidKeyring.Ready) again.state()).applicationServerKey()).isEqualTo(key);

        var other = new VapidKeyring(properties, jdbc, data.resolve("elsewhere"), "", Optional.empty());
        assertThat(other.state())
                .isInstanceOfSatisfying(
                        VapidKeyring.Unavailable.class,
                        off -> assertThat(off.reason()).contains("not the one devices subscribed with"));

        var noContact = new VapidKeyring(properties(null), jdbc, data, "http://localhost:8080", Optional.empty());
        assertThat(noContact.state()).isInstanceOf(VapidKeyring.Unavailable.class);
        var publicUrl =
                new VapidKeyring(properties(null), jdbc, data, "https://preflight.example.com", Optional.empty());
        assertThat(publicUrl.state()).isInstanceOf(VapidKeyring.Ready.class);
        assertThatThrownBy(() -> properties("release managers"))
                .hasMessageContaining("must be a mailto: or https: address");
    }
}
