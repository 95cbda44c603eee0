package dev.preflight.custom.http;

import dev.preflight.custom.HttpSpec;
import dev.preflight.custom.Secrets;
import dev.preflight.custom.SourceFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The headers that authenticate a source's requests. Secrets are read by name for each run and
 * only ever put into these headers, which {@link OutboundHttp} keeps to the source's own origin.
 */
final class Credentials {

    private final HttpSpec.Auth auth;
    private final Secrets secrets;
    private final OutboundHttp http;
    private final Clock clock;

    Credentials(HttpSpec.Auth auth, Secrets secrets, OutboundHttp http, Clock clock) {
        this.auth = auth;
        this.secrets = secrets;
        this.http = http;
        this.clock = clock;
    }

    Map<String, String> headers(Tally tally) throws SourceFailure {
        return switch (auth.type()) {
            case NONE -> Map.of();
            case BASIC -> {
                String pair = required(auth.user(), "user") + ":" + secret();
                yield Map.of(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            case BEARER -> Map.of("Authorization", "Bearer " + secret());
            case HEADER -> {
                String name = required(auth.name(), "name");
                if (!HttpSource.settable(name)) {
                    throw new SourceFailure("auth header " + name + " may not be set by a source");
                }
                yield Map.of(name, secret());
            }
            case OAUTH2 -> Map.of("Authorization", "Bearer " + http.tokens.token(http, auth, secret(), clock, tally));
        };
    }

    /** Whether a 401 may be cured by asking again: an OAuth2 token may have been revoked before its expiry. */
    boolean renewable() {
        return auth.type() == HttpSpec.AuthType.OAUTH2;
    }

    void renew() throws SourceFailure {
        http.tokens.forget(auth, secret());
    }

    private String secret() throws SourceFailure {
        return secrets.value(required(auth.secret(), "secret"));
    }

    private String required(@Nullable String value, String field) throws SourceFailure {
        if (value == null || value.isBlank()) {
            throw new SourceFailure(
                    "auth type " + auth.type().name().toLowerCase(java.util.Locale.ROOT) + " needs " + field);
        }
        return value;
    }
}
