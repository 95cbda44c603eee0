package dev.preflight.sla.web;

import dev.preflight.sla.Problems;
import java.security.Principal;
import org.springframework.security.core.Authentication;

/** Who acts on a problem from a page or the API: readwrite may act on any, a reader on those naming them. */
public final class Actors {

    private Actors() {}

    public static Problems.Actor of(Principal who) {
        boolean readwrite = who instanceof Authentication authentication
                && authentication.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_READWRITE"));
        return new Problems.Actor(who.getName(), readwrite);
    }
}
