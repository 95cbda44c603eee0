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
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a signed-in session must respect besides its idle timeout: an absolute lifetime (signed
 * out after it, however active); its local account as it is now (removed, another role, or a
 * password changed since sign-in ends it, on every node); and a generated password must be
 * replaced before anything else.
 */
final class SessionRules extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "preflight.signedInAt";

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
        if (member.local()) {
            // the session follows its account, whichever node or command changed it
            Optional<LocalAccounts.Account> account = accounts.find(member.name());
            String ended = account.isEmpty()
                    ? "removed"
                    : !member.role().equals(Optional.of(account.get().role()))
                            ? "roleChanged"
                            : account.get().passwordChangedAt().isAfter(signedInAt(session, now))
                                    ? "passwordChanged"
                                    : null;
            if (ended != null) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login?ended=" + ended);
                return;
            }
            if (account.get().mustChange() && !mayPassWhileChanging(request.getServletPath())) {
                response.sendRedirect(request.getContextPath() + "/account/password");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static Instant signedInAt(HttpSession session, Instant now) {
        return session.getAttribute(SIGNED_IN_AT) instanceof Instant signedIn ? signedIn : now;
    }

    /** The session that changed its own password stays signed in; the account's others end. */
    static void passwordChangedHere(HttpSession session, Instant now) {
        session.setAttribute(SIGNED_IN_AT, now);
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
