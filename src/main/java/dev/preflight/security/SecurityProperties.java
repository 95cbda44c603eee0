package dev.preflight.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and network settings ({@code preflight.security.*}, e.g. PREFLIGHT_SECURITY_OIDC_CLIENT_ID).
 *
 * @param local accounts stored in Preflight's database
 * @param session idle and absolute lifetimes of a signed-in session
 * @param allowlist networks allowed to reach the UI and/or the API (in addition to sign-in)
 * @param trustedProxies networks whose Forwarded / X-Forwarded-* headers are believed
 * @param signInAttempts failed sign-ins allowed per client address and per user name within {@code signInWindow}
 * @param checksPerMinute checks one person may start per minute
 * @param bodyDeadline the time a client has to send a whole request body read as a stream
 */
@ConfigurationProperties("preflight.security")
public record SecurityProperties(
        @DefaultValue Local local,
        @DefaultValue Session session,
        @DefaultValue Allowlist allowlist,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("10") int signInAttempts,
        @DefaultValue("5m") Duration signInWindow,
        @DefaultValue("10") int checksPerMinute,
        @DefaultValue("30s") Duration bodyDeadline) {

    public SecurityProperties {
        for (String network : allowlist.addresses()) {
            Networks.requireValid(network, "preflight.security.allowlist.addresses");
        }
        for (String network : trustedProxies) {
            Networks.requireValid(network, "preflight.security.trusted-proxies");
        }
        if (signInAttempts < 1 || checksPerMinute < 1) {
            throw new IllegalArgumentException(
                    "preflight.security.sign-in-attempts and checks-per-minute must be at least 1");
        }
    }

    /**
     * @param enabled whether local accounts can sign in
     * @param adminPassword the first admin's password, for automated set-ups; when empty a one-time
     *     password is generated and printed once
     */
    public record Local(
            @DefaultValue("true") boolean enabled, @Nullable String adminPassword) {}

    public record Session(
            @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("12h") Duration absoluteTimeout) {}

    /** @param appliesTo {@code ui}, {@code api} or {@code both} */
    public record Allowlist(
            @DefaultValue List<String> addresses,
            @DefaultValue("both") String appliesTo) {

        public Allowlist {
            appliesTo = appliesTo.toLowerCase(Locale.ROOT);
            if (!List.of("ui", "api", "both").contains(appliesTo)) {
                throw new IllegalArgumentException(
                        "preflight.security.allowlist.applies-to must be ui, api or both, not '" + appliesTo + "'");
            }
        }
    }
}
