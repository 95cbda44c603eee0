package dev.preflight.security;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One's own account: role, password (local accounts), personal API tokens. */
@Controller
class AccountController {

    private final ApiTokens tokens;
    private final LocalAccounts accounts;
    private final Clock clock;

    AccountController(ApiTokens tokens, LocalAccounts accounts, java.util.Optional<Clock> clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @GetMapping("/account")
    String account(Authentication who, Model model) {
        Member member = Member.of(who);
        model.addAttribute("tokens", tokens.of(member.id()));
        model.addAttribute("local", member.local());
        return "account";
    }

    @PostMapping("/account/tokens")
    String create(
            Authentication who,
            @RequestParam String name,
            @RequestParam(defaultValue = "90") int days,
            RedirectAttributes redirect) {
        try {
            var issued = tokens.issue(Member.of(who), name, Duration.ofDays(days));
            // shown once, on the page the redirect leads to; only its hash is kept
            redirect.addFlashAttribute("issued", issued.value());
            redirect.addFlashAttribute("issuedName", issued.token().name());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(Authentication who, @PathVariable String id, RedirectAttributes redirect) {
        UUID token;
        try {
            token = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such token");
        }
        if (!tokens.revoke(Member.of(who).id(), token)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such token");
        }
        redirect.addFlashAttribute("done", "Token revoked.");
        return "redirect:/account";
    }

    @GetMapping("/account/password")
    String passwordForm(Authentication who, Model model) {
        model.addAttribute("local", Member.of(who).local());
        return "password";
    }

    @PostMapping("/account/password")
    String changePassword(
            Authentication who,
            @RequestParam String current,
            @RequestParam String replacement,
            @RequestParam String confirmation,
            HttpSession session,
            Model model,
            RedirectAttributes redirect) {
        Member member = Member.of(who);
        model.addAttribute("local", member.local());
        if (!member.local()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "passwords are kept by the sign-in provider");
        }
        if (!replacement.equals(confirmation)) {
            model.addAttribute("error", "The new password and its confirmation differ.");
            return "password";
        }
        try {
            accounts.changeOwnPassword(member.name(), current, replacement);
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", Optional.ofNullable(e.getMessage()).orElse("not changed"));
            return "password";
        }
        SessionRules.passwordChangedHere(session, clock.instant());
        int revoked = tokens.revokeAll(member.id());
        redirect.addFlashAttribute(
                "done",
                "Password changed. Your other sessions are signed out"
                        + (revoked > 0 ? " and your " + revoked + " API token(s) revoked." : "."));
        return "redirect:/account";
    }
}
