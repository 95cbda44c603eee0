package dev.preflight.cli;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Transformed facts as compact JSON, cut at a length a terminal can show. */
final class FactsText {

    private FactsText() {}

    static String of(@Nullable Object facts, int max) {
        String text = JsonMapper.shared().writeValueAsString(facts);
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters)";
    }
}
