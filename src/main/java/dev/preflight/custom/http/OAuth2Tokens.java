package dev.preflight.custom.http;

import dev.preflight.custom.HttpSpec;
import dev.preflight.custom.SourceFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth2 client-credentials tokens, kept until shortly before they expire so that each source run
 * does not cost a token request. Keyed by token URL, client id, scope and a digest of the secret,
 * so a definition naming another source's client id without its secret never gets its token.
 */
final class OAuth2Tokens {

    /** Refresh this much before the announced expiry, at most a tenth of the lifetime. */
    private static final Duration EARLY = Duration.ofSeconds(30);
    /** A token answered without {@code expires_in}: kept this long (a 401 drops it sooner). */
    private static final Duration UNANNOUNCED = Duration.ofMinutes(5);

    private static final long MAX_TOKEN_ANSWER = 64 * 1024;

    private final ConcurrentHashMap<Key, Token> cache = new ConcurrentHashMap<>();
    private final JsonBody json = new JsonBody();

    private record Key(String tokenUrl, String clientId, String scope, String secretDigest) {}

    private record Token(String value, Instant refreshAt) {
        @Override
        public String toString() {
            return "Token[refreshAt=" + refreshAt + "]";
        }
    }

    /** A valid access token, from the cache or the token endpoint. */
    String token(OutboundHttp http, HttpSpec.Auth auth, String secret, Clock clock, Tally tally) throws SourceFailure {
        Key key = key(auth, secret);
        Token cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.value();
        }
        Token fresh = request(http, key, secret, clock, tally);
        cache.put(key, fresh);
        return fresh.value();
    }

    /** The API refused the token (revoked, rotated): the next {@link #token} asks for a new one. */
    void forget(HttpSpec.Auth auth, String secret) throws SourceFailure {
        cache.remove(key(auth, secret));
    }

    private Token request(OutboundHttp http, Key key, String secret, Clock clock, Tally tally) throws SourceFailure {
        URI tokenUrl;
        try {
            tokenUrl = URI.create(key.tokenUrl());
        } catch (IllegalArgumentException e) {
            throw new SourceFailure("auth.tokenUrl is not a valid URL");
        }
        String form = "grant_type=client_credentials" + (key.scope().isEmpty() ? "" : "&scope=" + form(key.scope()));
        // RFC 6749 §2.3.1: client id and secret form-encoded, then sent with HTTP Basic
        String basic = Base64.getEncoder()
                .encodeToString((form(key.clientId()) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
        OutboundHttp.Request request = new OutboundHttp.Request(
                "POST",
                tokenUrl,
                Map.of("Accept", "application/json"),
                Map.of("Authorization", "Basic " + basic),
                form.getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded",
                MAX_TOKEN_ANSWER);
        Instant asked = clock.instant();
        OutboundHttp.Answer answer;
        try {
            answer = http.send(request);
        } catch (SourceFailure e) {
            tally.failed();
            throw new SourceFailure("OAuth2 token request failed: " + e.getMessage());
        }
        tally.answered(answer);
        if (!(json.parse(answer, request) instanceof Map<?, ?> fields)
                || !(fields.get("access_token") instanceof String token)
                || token.isBlank()) {
            throw new SourceFailure("OAuth2 token request failed: " + request + " answered no access_token");
        }
        Duration lifetime = lifetime(fields.get("expires_in"));
        Duration early = lifetime.dividedBy(10).compareTo(EARLY) < 0 ? lifetime.dividedBy(10) : EARLY;
        return new Token(token, asked.plus(lifetime).minus(early));
    }

    private static Duration lifetime(@org.jspecify.annotations.Nullable Object expiresIn) {
        try {
            long seconds = expiresIn instanceof Number number
                    ? number.longValue()
                    : expiresIn instanceof String text ? Long.parseLong(text.strip()) : -1;
            return seconds > 0 ? Duration.ofSeconds(seconds) : UNANNOUNCED;
        } catch (NumberFormatException e) {
            return UNANNOUNCED;
        }
    }

    private static Key key(HttpSpec.Auth auth, String secret) throws SourceFailure {
        if (auth.tokenUrl() == null || auth.clientId() == null) {
            throw new SourceFailure("auth type oauth2 needs tokenUrl and clientId");
        }
        return new Key(auth.tokenUrl(), auth.clientId(), Objects.requireNonNullElse(auth.scope(), ""), digest(secret));
    }

    private static String digest(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
