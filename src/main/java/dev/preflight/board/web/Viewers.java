package dev.preflight.board.web;

import dev.preflight.board.ReleaseBoard;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Which view of the board a visitor gets: names only for someone signed in with a role. */
final class Viewers {

    private Viewers() {}

    static ReleaseBoard.View of(@Nullable Authentication who) {
        boolean reader = who != null
                && !(who instanceof AnonymousAuthenticationToken)
                && who.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_READ")
                                || a.getAuthority().equals("ROLE_READWRITE"));
        return reader ? ReleaseBoard.View.SIGNED_IN : ReleaseBoard.View.PUBLIC;
    }
}
