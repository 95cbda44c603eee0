package dev.preflight.sandbox;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for a push service (RFC 8030) and for the browsers subscribed to it. It refuses what a
 * real one refuses: no TTL (400), a bad Urgency or Topic (400), a missing or invalid VAPID token
 * (RFC 8292: 401; a key other than the one the subscription was made with: 403), an expired token
 * or one valid for more than 24 h, an audience other than its origin, a body over 4096 bytes
 * (413), another content coding (415), an unknown or unsubscribed endpoint (404, 410). What it
 * accepts it decrypts (RFC 8291) with the subscription's private key, as the browser would.
 */
final class PushServiceSimulator extends SimulatedServer {

    static final String PATH = "/push/";

    private static final int MAX_BODY = 4096;
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final List<String> URGENCIES = List.of("very-low", "low", "normal", "high");
    private static final Pattern VAPID = Pattern.compile("vapid\\s+t=([^,\\s]+)\\s*,\\s*k=([A-Za-z0-9_-]+)");

    private record Subscriber(KeyPair keys, byte[] publicKey, byte[] auth, byte[] applicationServerKey) {}

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final java.util.Set<String> unsubscribed = ConcurrentHashMap.newKeySet();
    private final List<PushedMessage> received = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    PushServiceSimulator(Scenario scenario, JsonMapper json) {
        super(scenario, "push", json);
    }

    /** Subscribes a new browser, restricted to this application server key (as {@code applicationServerKey} does). */
    BrowserSubscription subscribe(String applicationServerKey) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] auth = new byte[16];
            random.nextBytes(auth);
            String id = UUID.randomUUID().toString();
            byte[] publicKey = uncompressed((ECPublicKey) keys.getPublic());
            subscribers.put(
                    id,
                    new Subscriber(keys, publicKey, auth, Base64.getUrlDecoder().decode(applicationServerKey)));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return new BrowserSubscription(url() + PATH + id, b64.encodeToString(publicKey), b64.encodeToString(auth));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The browser dropped the subscription: later messages get 410 Gone. */
    void unsubscribe(String endpoint) {
        String id = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        if (subscribers.remove(id) != null) {
            unsubscribed.add(id);
        }
    }

    List<PushedMessage> received() {
        return List.copyOf(received);
    }

    @Override
    protected Object faultBody(int status) {
        return Map.of("code", status, "errno", 999, "error", "Injected failure", "message", "Injected failure");
    }

    @Override
    protected void handle(Request request) throws IOException {
        if (!request.path().startsWith(PATH) || !request.method().equals("POST")) {
            request.respond(404, Map.of("error", "not found"));
            return;
        }
        String id = request.path().substring(PATH.length());
        Subscriber subscriber = subscribers.get(id);
        if (subscriber == null) {
            request.respond(
                    unsubscribed.contains(id) ? 410 : 404,
                    error("subscription " + (unsubscribed.contains(id) ? "expired" : "not found")));
            return;
        }
        String ttl = request.header("TTL");
        if (ttl == null || !ttl.matches("\\d{1,9}")) {
            request.respond(400, error("TTL header missing or not a number of seconds"));
            return;
        }
        String urgency = request.header("Urgency");
        if (urgency != null && !URGENCIES.contains(urgency)) {
            request.respond(400, error("Urgency must be one of " + URGENCIES));
            return;
        }
        String topic = request.header("Topic");
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            request.respond(400, error("Topic must be at most 32 base64url characters"));
            return;
        }
        var token = VAPID.matcher(String.valueOf(request.header("Authorization")));
        if (!token.matches()) {
            request.respond(401, error("Authorization must be 'vapid t=<JWT>, k=<key>'"));
            return;
        }
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(token.group(2));
        } catch (IllegalArgumentException unreadable) {
            request.respond(401, error("the VAPID key k is not base64url"));
            return;
        }
        if (!Arrays.equals(key, subscriber.applicationServerKey())) {
            request.respond(403, error("the VAPID key is not the one this subscription was made with"));
            return;
        }
        JWTClaimsSet claims;
        try {
            claims = verified(token.group(1), key);
        } catch (Refusal refusal) {
            request.respond(401, error(refusal.getMessage()));
            return;
        }
        byte[] body = request.bodyBytes();
        if (body.length > 0 && !"aes128gcm".equals(request.header("Content-Encoding"))) {
            request.respond(415, error("Content-Encoding must be aes128gcm"));
            return;
        }
        if (body.length > MAX_BODY) {
            request.respond(413, error("payload over " + MAX_BODY + " bytes"));
            return;
        }
        String payload;
        try {
            payload = body.length == 0 ? "" : decrypt(subscriber, body);
        } catch (GeneralSecurityException | RuntimeException e) {
            request.respond(400, error("the payload cannot be decrypted with the subscription's keys"));
            return;
        }
        received.add(new PushedMessage(
                url() + PATH + id,
                Instant.now(),
                payload,
                Integer.parseInt(ttl),
                urgency,
                topic,
                claims.getSubject(),
                claims.getExpirationTime().toInstant()));
        request.exchange.getResponseHeaders().set("Location", url() + "/message/" + UUID.randomUUID());
        request.respond(201, null);
    }

    private JWTClaimsSet verified(String jwt, byte[] key) throws Refusal {
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            if (!JWSAlgorithm.ES256.equals(signed.getHeader().getAlgorithm())) {
                throw new Refusal("the VAPID token must be signed with ES256");
            }
            ECKey publicKey = new ECKey.Builder(
                            Curve.P_256,
                            Base64URL.encode(Arrays.copyOfRange(key, 1, 33)),
                            Base64URL.encode(Arrays.copyOfRange(key, 33, 65)))
                    .build();
            if (!signed.verify(new ECDSAVerifier(publicKey))) {
                throw new Refusal("the VAPID token's signature does not match its key");
            }
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            if (!url().equals(
                            claims.getAudience().isEmpty()
                                    ? null
                                    : claims.getAudience().getFirst())) {
                throw new Refusal("the VAPID token's aud must be the push service's origin, " + url());
            }
            Instant now = Instant.now();
            if (claims.getExpirationTime() == null
                    || !claims.getExpirationTime().toInstant().isAfter(now)
                    || claims.getExpirationTime().toInstant().isAfter(now.plus(Duration.ofHours(24)))) {
                throw new Refusal("the VAPID token's exp must be in the future and at most 24 hours ahead");
            }
            String subject = claims.getSubject();
            // as Apple does: a contact that can be reached, not localhost nor a name without a domain
            if (subject == null
                    || !(subject.matches("mailto:[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
                            || subject.matches("https://[^\\s/:]+\\.[^\\s/:]+(:\\d+)?(/\\S*)?"))
                    || subject.contains("localhost")) {
                throw new Refusal("the VAPID token's sub must be a mailto: or https: address with a real domain");
            }
            return claims;
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | IllegalStateException e) {
            throw new Refusal("the VAPID token cannot be read");
        }
    }

    /** RFC 8291 as the browser does it: ECDH with the sender's key, HKDF, then AES-128-GCM (RFC 8188). */
    private static String decrypt(Subscriber subscriber, byte[] body) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        int idLength = in.get() & 0xff;
        if (idLength != 65 || recordSize < 18) {
            throw new GeneralSecurityException("bad header");
        }
        byte[] senderKey = new byte[65];
        in.get(senderKey);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(subscriber.keys().getPrivate());
        agreement.doPhase(publicKey(senderKey), true);
        byte[] shared = agreement.generateSecret();
        byte[] keyInfo =
                concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), subscriber.publicKey(), senderKey);
        byte[] ikm = expand(extract(subscriber.auth(), shared), keyInfo, 32);
        byte[] prk = extract(salt, ikm);
        byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] plain = cipher.doFinal(ciphertext);
        int end = plain.length - 1;
        while (end >= 0 && plain[end] == 0) {
            end--;
        }
        if (end < 0 || plain[end] != 2) { // the last record's delimiter
            throw new GeneralSecurityException("bad padding");
        }
        return new String(plain, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] extract(byte[] salt, byte[] ikm) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        return mac.doFinal(ikm);
    }

    private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length); // one block is enough for 32 bytes or fewer
    }

    private static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        var parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        var spec = parameters.getParameterSpec(java.security.spec.ECParameterSpec.class);
        ECPoint point = new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copyFixed(key.getW().getAffineX(), out, 1);
        copyFixed(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void copyFixed(BigInteger value, byte[] out, int at) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, at + 32 - length, length);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private static final class Refusal extends Exception {
        Refusal(String message) {
            super(message);
        }
    }
}
