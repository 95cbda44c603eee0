package dev.preflight.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in ({@code member}) and whether they may change things ({@code canWrite}). */
@ControllerAdvice
class SignedInAdvice {

    @ModelAttribute("member")
    @Nullable
    Member member() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated()
                ? null
                : Member.of(who);
    }

    @ModelAttribute("canWrite")
    boolean canWrite() {
        Member member = member();
        return member != null
                && member.role().filter(role -> role == Role.READWRITE).isPresent();
    }
}
