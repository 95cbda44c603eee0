package dev.preflight.web.api;

import dev.preflight.custom.CustomChecks;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A try of one custom check as the API and the Checks tab show it; nothing of it is stored. */
public record TriedView(List<Source> sources, List<Finding> findings) {

    /** What a source did: its raw answer's size and time, and the transformed facts, or why it failed. */
    public record Source(
            String source,
            String kind,
            long bytes,
            long millis,
            int requests,
            @Nullable Object facts,
            @Nullable String failure) {}

    public record Finding(@Nullable String ticket, String category, String label, String severity, String detail) {}

    public static TriedView of(CustomChecks.Result result) {
        return new TriedView(
                result.traces().stream()
                        .map(t -> new Source(
                                t.source(),
                                t.kind().name().toLowerCase(Locale.ROOT),
                                t.bytes(),
                                t.took().toMillis(),
                                t.requests(),
                                t.facts(),
                                t.failure()))
                        .toList(),
                result.results().findings().stream()
                        .map(f -> new Finding(
                                f.ticket(),
                                f.category().key(),
                                f.category().label(),
                                f.severity().key(),
                                f.detail()))
                        .toList());
    }

    /** The facts as indented JSON, cut where a page stops being readable. */
    public static String factsText(@Nullable Object facts) {
        String text = tools.jackson.databind.json.JsonMapper.shared()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(facts);
        return text.length() <= 4_000 ? text : text.substring(0, 4_000) + "\n… (" + text.length() + " characters)";
    }
}
