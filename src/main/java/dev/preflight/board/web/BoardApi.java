package dev.preflight.board.web;

import dev.preflight.board.ReleaseBoard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The board over JSON: one project's next release. */
@RestController
@Tag(name = "Board", description = "Where each project's next release stands")
class BoardApi {

    private final ReleaseBoard board;

    BoardApi(ReleaseBoard board) {
        this.board = board;
    }

    @GetMapping(path = "/api/v1/releases/{project}/next", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "A board project's next release: date, verdict and counts of its latest complete check,"
                    + " tickets not done (names only for a signed-in reader)")
    ReleaseBoard.Row next(@PathVariable String project, @Nullable Authentication who) {
        return board.next(project, Viewers.of(who));
    }
}
