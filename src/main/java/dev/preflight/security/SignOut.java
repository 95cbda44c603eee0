package dev.preflight.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * After the local session is gone: to the "signed out" page, through the provider's end-session
 * endpoint first for a provider's user when so configured (so the next sign-in asks again).
 */
final class SignOut implements LogoutSuccessHandler {

    private final OidcProperties oidc;
    private final @Nullable OidcClientInitiatedLogoutSuccessHandler provider;

    /** @param registration the provider's, or null when sign-in with a provider is off */
    SignOut(OidcProperties oidc, @Nullable ProviderRegistration registration) {
        this.oidc = oidc;
        if (registration == null) {
            this.provider = null;
            return;
        }
        var handler = new OidcClientInitiatedLogoutSuccessHandler(registration);
        handler.setPostLogoutRedirectUri("{baseUrl}/logged-out");
        handler.setDefaultTargetUrl("/logged-out");
        this.provider = handler;
    }

    @Override
    public void onLogoutSuccess(
            HttpServletRequest request, HttpServletResponse response, @Nullable Authentication authentication)
            throws IOException, ServletException {
        if (provider != null && oidc.endProviderSession() && authentication instanceof OAuth2AuthenticationToken) {
            provider.onLogoutSuccess(request, response, authentication);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/logged-out");
    }
}
