package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a signed-in session must respect besides its idle timeout: an absolute lifetime (signed
 * out after it, however active), and a generated password must be replaced before anything else.
 */
final class SessionRules extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "preflight.signedInAt";
    static final String MUST_CHANGE = "preflight.mustChangePassword";

    private final Duration absolute;
    private final LocalAccounts accounts;
    private final Clock clock;

    SessionRules(Duration absolute, LocalAccounts accounts, Clock clock) {
        this.absolute = absolute;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session == null
                || who == null
                || who instanceof AnonymousAuthenticationToken
                || who instanceof ApiTokenAuthentication) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = clock.instant();
        if (!(session.getAttribute(SIGNED_IN_AT) instanceof Instant signedIn)) {
            session.setAttribute(SIGNED_IN_AT, now);
        } else if (signedIn.plus(absolute).isBefore(now)) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        Member member = Member.of(who);
        if (member.local() && mustChange(session, member) && !mayPassWhileChanging(request.getServletPath())) {
            response.sendRedirect(request.getContextPath() + "/account/password");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean mustChange(HttpSession session, Member member) {
        if (session.getAttribute(MUST_CHANGE) instanceof Boolean known) {
            return known;
        }
        boolean must = accounts.find(member.name())
                .map(LocalAccounts.Account::mustChange)
                .orElse(false);
        session.setAttribute(MUST_CHANGE, must);
        return must;
    }

    private static boolean mayPassWhileChanging(String path) {
        return path.equals("/account/password")
                || path.equals("/logout")
                || path.equals("/error")
                || path.startsWith("/webjars/")
                || path.equals("/preflight.css")
                || path.equals("/preflight.js");
    }
}
