package dev.preflight.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A browser's push subscription, as {@code PushSubscription.toJSON()} gives it: the push service's
 * endpoint for that device, its P-256 public key and its 16-byte authentication secret. Refused
 * with one line naming the field unless the endpoint is an {@code https} address of a known push
 * service: the server posts to it, so it must not be a way to reach anything else.
 */
record Subscription(String endpoint, String p256dh, String auth) {

    private static final int MAX_ENDPOINT = 2048;

    static Subscription of(
            @org.jspecify.annotations.Nullable String endpoint,
            @org.jspecify.annotations.Nullable String p256dh,
            @org.jspecify.annotations.Nullable String auth,
            PushServices services) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint: missing");
        }
        if (endpoint.length() > MAX_ENDPOINT) {
            throw new IllegalArgumentException("endpoint: longer than " + MAX_ENDPOINT + " characters");
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint: not a URL ('" + PushProperties.excerpt(endpoint) + "')");
        }
        services.requireAllowed(uri);
        byte[] key = decode("keys.p256dh", p256dh);
        if (key.length != 65 || key[0] != 0x04) {
            throw new IllegalArgumentException("keys.p256dh: must be an uncompressed P-256 point (65 bytes)");
        }
        requireOnCurve(key);
        byte[] secret = decode("keys.auth", auth);
        if (secret.length != 16) {
            throw new IllegalArgumentException("keys.auth: must be 16 bytes, not " + secret.length);
        }
        // kept as the push service will be addressed: no default port, which would change the VAPID aud
        String address = uri.getPort() == 443 ? uri.toString().replaceFirst(":443(?=/|$)", "") : uri.toString();
        Base64.Encoder canonical = Base64.getUrlEncoder().withoutPadding();
        return new Subscription(address, canonical.encodeToString(key), canonical.encodeToString(secret));
    }

    /** A key off the curve would fail every encryption: refused now, with its field named. */
    private static void requireOnCurve(byte[] key) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.interfaces.ECPrivateKey mine = (java.security.interfaces.ECPrivateKey)
                    generator.generateKeyPair().getPrivate();
            com.interaso.webpush.CryptoKt.generateEcdhSharedSecret(
                    mine, com.interaso.webpush.CryptoKt.generatePublicKeyFromUncompressedBytes(key));
        } catch (Exception notAPoint) { // the library's Kotlin throws checked exceptions undeclared
            throw new IllegalArgumentException("keys.p256dh: not a point on the P-256 curve");
        }
    }

    byte[] publicKey() {
        return Base64.getUrlDecoder().decode(unpadded(p256dh));
    }

    byte[] secret() {
        return Base64.getUrlDecoder().decode(unpadded(auth));
    }

    private static byte[] decode(String field, @org.jspecify.annotations.Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        String bare = value.strip();
        if (bare.length() > 100 || !bare.matches("[A-Za-z0-9_-]+={0,2}")) {
            throw new IllegalArgumentException(field + ": not base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(unpadded(bare));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not base64url");
        }
    }

    private static String unpadded(String value) {
        return value.replace("=", "");
    }

    /** Where devices may subscribe: https on a known push service, or the sandbox's own. */
    record PushServices(
            List<String> hosts,
            @org.jspecify.annotations.Nullable String sandbox) {

        static PushServices of(PushProperties properties) {
            return new PushServices(properties.services(), properties.sandboxService());
        }

        void requireAllowed(URI endpoint) {
            if (sandbox != null && endpoint.toString().startsWith(sandbox.replaceAll("/+$", "") + "/")) {
                return;
            }
            if (!"https".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint: must be an https URL");
            }
            if (endpoint.getUserInfo() != null || (endpoint.getPort() != -1 && endpoint.getPort() != 443)) {
                throw new IllegalArgumentException("endpoint: must not carry a user or a port");
            }
            String host = endpoint.getHost().toLowerCase(Locale.ROOT);
            if (hosts.stream().noneMatch(h -> host.equals(h) || host.endsWith("." + h))) {
                throw new IllegalArgumentException(
                        "endpoint: " + host + " is not a known push service" + " (preflight.push.services)");
            }
        }
    }
}
