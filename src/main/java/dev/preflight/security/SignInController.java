package dev.preflight.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in page (local accounts and/or the provider's button), the signed-out page and the access-denied page. */
@Controller
class SignInController {

    private final SecurityProperties properties;
    private final OidcProperties oidc;

    SignInController(SecurityProperties properties, OidcProperties oidc) {
        this.properties = properties;
        this.oidc = oidc;
    }

    @GetMapping("/login")
    String login(Model model, HttpServletRequest request) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        model.addAttribute("local", properties.local().enabled());
        model.addAttribute("provider", oidc.enabled());
        model.addAttribute("providerLabel", oidc.buttonLabel());
        model.addAttribute("providerPath", "/oauth2/authorization/" + ProviderRegistration.ID);
        String message = null;
        if (request.getParameter("error") != null) {
            message = "Wrong account name or password.";
        } else if (request.getParameter("throttled") != null) {
            message = "Too many failed sign-ins from here or for this account: wait a few minutes and try again.";
        } else if (request.getParameter("expired") != null) {
            message = "Your session reached its maximum length: please sign in again.";
        } else if (request.getParameter("ended") != null) {
            message = switch (request.getParameter("ended")) {
                case "removed" -> "Your account was removed: you are signed out.";
                case "roleChanged" -> "Your role changed: sign in again to continue with the new one.";
                default -> "Your password was changed: sign in again with the new one.";
            };
        } else if (request.getParameter("providerError") != null) {
            message = "The sign-in provider did not let you in; try again or ask an administrator.";
        }
        model.addAttribute("message", message);
        return "login";
    }

    @GetMapping("/logged-out")
    String loggedOut() {
        return "logged-out";
    }

    @RequestMapping("/access-denied")
    String denied(Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean overage = who != null
                && who.getAuthorities().stream().anyMatch(a -> ProviderRoles.GROUPS_OVERAGE.equals(a.getAuthority()));
        Object reason = request.getAttribute(Denials.REASON);
        model.addAttribute("reason", overage ? "overage" : reason == null ? "role" : reason);
        return "access-denied";
    }
}
