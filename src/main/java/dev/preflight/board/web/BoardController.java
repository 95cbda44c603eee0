package dev.preflight.board.web;

import dev.preflight.board.ReleaseBoard;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The board page, and its panel that a wall screen reloads on its own. */
@Controller
class BoardController {

    private final ReleaseBoard board;

    BoardController(ReleaseBoard board) {
        this.board = board;
    }

    @GetMapping("/board")
    String board(@org.jspecify.annotations.Nullable Authentication who, Model model) {
        fill(who, model);
        return "board";
    }

    @GetMapping("/board/panel")
    String panel(@org.jspecify.annotations.Nullable Authentication who, Model model) {
        fill(who, model);
        return "board :: panel";
    }

    private void fill(@org.jspecify.annotations.Nullable Authentication who, Model model) {
        ReleaseBoard.View view = Viewers.of(who);
        var rows = board.rows(view);
        model.addAttribute("rows", rows.value());
        model.addAttribute("asOf", rows.loadedAt());
        model.addAttribute("signedIn", view == ReleaseBoard.View.SIGNED_IN);
        model.addAttribute("refreshSeconds", board.properties().refresh().toSeconds());
    }
}
