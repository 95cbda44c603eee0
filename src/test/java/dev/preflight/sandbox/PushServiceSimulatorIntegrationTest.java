package dev.preflight.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sandbox's push service refuses what RFC 8030 and RFC 8292 say a push service refuses. */
class PushServiceSimulatorIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final VapidKeys keys = VapidKeys.generate();
    private final WebPush push = new WebPush("mailto:release-managers@example.com", keys);
    private final String serverKey =
            Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
    private final BrowserSubscription browser = SANDBOX.pushSubscribe(serverKey);
    private final String origin = SANDBOX.endpoints().pushServiceUrl();

    private int post(Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(browser.endpoint()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private Map<String, String> valid() {
        return new LinkedHashMap<>(push.getHeaders(browser.endpoint(), 60, null, WebPush.Urgency.High));
    }

    private byte[] body(String text) {
        return push.getBody(
                text.getBytes(StandardCharsets.UTF_8),
                Base64.getUrlDecoder().decode(browser.p256dh()),
                Base64.getUrlDecoder().decode(browser.auth()));
    }

    private String vapid(String token, String key) {
        return "vapid t=" + token + ", k=" + key;
    }

    @Test
    void aValidMessageIsAcceptedAndDecryptedAsTheBrowserWould() throws Exception {
        assertThat(post(valid(), body("{\"title\":\"héllo\"}"))).isEqualTo(201);
        PushedMessage received = SANDBOX.pushedMessages().stream()
                .filter(m -> m.endpoint().equals(browser.endpoint()))
                .findFirst()
                .orElseThrow();
        assertThat(received.payload()).isEqualTo("{\"title\":\"héllo\"}");
        assertThat(received.urgency()).isEqualTo("high");
        assertThat(received.ttl()).isEqualTo(60);
    }

    @Test
    void whatARealPushServiceRefusesIsRefused() throws Exception {
        Map<String, String> noTtl = valid();
        noTtl.remove("TTL");
        assertThat(post(noTtl, body("x"))).as("TTL is required").isEqualTo(400);

        Map<String, String> badUrgency = valid();
        badUrgency.put("Urgency", "urgent");
        assertThat(post(badUrgency, body("x"))).isEqualTo(400);

        Map<String, String> badTopic = valid();
        badTopic.put("Topic", "a topic with spaces");
        assertThat(post(badTopic, body("x"))).isEqualTo(400);

        Map<String, String> noToken = valid();
        noToken.remove("Authorization");
        assertThat(post(noToken, body("x"))).isEqualTo(401);

        Map<String, String> tooLong = valid();
        tooLong.put("Authorization", vapid(push.getToken(origin, 25 * 3600), serverKey));
        assertThat(post(tooLong, body("x"))).as("exp more than 24 h ahead").isEqualTo(401);

        Map<String, String> otherAudience = valid();
        otherAudience.put("Authorization", vapid(push.getToken("https://fcm.googleapis.com", 3600), serverKey));
        assertThat(post(otherAudience, body("x"))).isEqualTo(401);

        WebPush impostor = new WebPush("mailto:x@example.com", VapidKeys.generate());
        Map<String, String> forged = valid();
        forged.put("Authorization", vapid(impostor.getToken(origin, 3600), serverKey));
        assertThat(post(forged, body("x"))).as("signed by another key").isEqualTo(401);

        assertThat(post(impostor.getHeaders(browser.endpoint(), 60, null, null), body("x")))
                .as("a key other than the subscription's")
                .isEqualTo(403);

        // the library refuses such a subject itself: signed here by hand, with the right key
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .audience(origin)
                .subject("release managers")
                .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(3600)))
                .build();
        var jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256), claims);
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(keys.getPrivateKey()));
        Map<String, String> noContact = valid();
        noContact.put("Authorization", vapid(jwt.serialize(), serverKey));
        assertThat(post(noContact, body("x")))
                .as("sub must be mailto: or https:")
                .isEqualTo(401);

        Map<String, String> badKey = valid();
        badKey.put("Authorization", vapid(push.getToken(origin, 3600), "AAAAA"));
        assertThat(post(badKey, body("x"))).as("an unreadable key").isEqualTo(401);
        Map<String, String> otherCoding = valid();
        otherCoding.put("Content-Encoding", "aesgcm");
        assertThat(post(otherCoding, body("x"))).isEqualTo(415);

        assertThat(post(valid(), new byte[5000])).isEqualTo(413);
        assertThat(post(valid(), "not encrypted".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(400);

        SANDBOX.pushUnsubscribe(browser.endpoint());
        assertThat(post(valid(), body("x"))).isEqualTo(410);
    }
}
