package dev.preflight.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Sign-ins, failed sign-ins and sign-outs in the audit log, with the client's address. */
@Component
class SignInAudit {

    private final AuditLog audit;

    SignInAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        Member member = Member.of(event.getAuthentication());
        audit.record(member.name(), "sign-in", member.id(), member.roleLabel(), address(event.getAuthentication()));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        audit.record(
                event.getAuthentication().getName(),
                "sign-in.failed",
                null,
                event.getException().getClass().getSimpleName(),
                address(event.getAuthentication()));
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        audit.record(
                Member.of(event.getAuthentication()).name(),
                "sign-out",
                null,
                null,
                address(event.getAuthentication()));
    }

    private static @org.jspecify.annotations.Nullable String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
    }
}
