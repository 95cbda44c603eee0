package dev.preflight.security;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Notes in the session when its person signed in: a password changed after that ends it, and its
 * absolute lifetime counts from then (not from its next request, which may come much later).
 */
@Component
class SignInTime {

    private final Clock clock;

    SignInTime(Optional<Clock> clock) {
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            if (session != null) {
                session.setAttribute(SessionRules.SIGNED_IN_AT, clock.instant());
            }
        }
    }
}
