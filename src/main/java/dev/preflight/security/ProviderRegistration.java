package dev.preflight.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The OpenID Connect provider, read from its discovery document on first use rather than at
 * start-up: a provider that is briefly down makes sign-in fail with a clear message, not the
 * whole server refuse to start. The issuer is then matched exactly against every ID token.
 */
final class ProviderRegistration implements ClientRegistrationRepository {

    static final String ID = "entra";

    private final OidcProperties oidc;
    private volatile @Nullable ClientRegistration registration;

    ProviderRegistration(OidcProperties oidc) {
        this.oidc = oidc;
        oidc.issuerUri(); // fail at start-up on a missing issuer or tenant
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            known = discover();
            registration = known;
        }
        return known;
    }

    private ClientRegistration discover() {
        String issuer = oidc.issuerUri();
        try {
            return ClientRegistrations.fromOidcIssuerLocation(issuer)
                    .registrationId(ID)
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile", "email")
                    .userNameAttributeName("sub")
                    .clientName(oidc.buttonLabel())
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "the sign-in provider " + issuer + " does not answer its discovery document: " + e.getMessage(), e);
        }
    }
}
