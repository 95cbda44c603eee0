package dev.preflight.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in with Microsoft Entra ID or any OpenID Connect provider ({@code preflight.oidc.*}, e.g.
 * PREFLIGHT_OIDC_CLIENTID); off while no client id is set.
 *
 * @param tenant the Entra tenant id; the issuer defaults to https://login.microsoftonline.com/{tenant}/v2.0
 * @param issuer the provider's issuer, matched exactly against the token's {@code iss}
 * @param clientId the application (client) id; sign-in with the provider is off while it is empty
 * @param clientSecret the client secret
 * @param endProviderSession whether signing out also ends the provider's session
 * @param buttonLabel the text of the sign-in button
 * @param roles which groups or app roles of the provider's token give which role
 */
@ConfigurationProperties("preflight.oidc")
public record OidcProperties(
        @Nullable String tenant,
        @Nullable String issuer,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @DefaultValue("true") boolean endProviderSession,
        @DefaultValue("Sign in with Microsoft") String buttonLabel,
        @DefaultValue RoleMapping roles) {

    public boolean enabled() {
        return clientId != null && !clientId.isBlank();
    }

    /** The issuer in force; one line naming the setting when neither it nor the tenant is set. */
    public String issuerUri() {
        if (issuer != null && !issuer.isBlank()) {
            return issuer.strip();
        }
        if (tenant != null && !tenant.isBlank()) {
            return "https://login.microsoftonline.com/" + tenant.strip() + "/v2.0";
        }
        throw new IllegalStateException(
                "preflight.oidc.tenant (PREFLIGHT_OIDC_TENANT) or preflight.oidc.issuer (PREFLIGHT_OIDC_ISSUER) is"
                        + " required with a client id");
    }

    /** Values of the token's {@code groups} (object ids) or {@code roles} (app roles) claims, per role. */
    public record RoleMapping(
            @DefaultValue List<String> read, @DefaultValue List<String> readwrite) {}
}
