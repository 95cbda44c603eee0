package dev.preflight.custom;

import java.util.List;

/** What a source may use of the release being checked: its placeholders and named parameters. */
public record SourceContext(String project, String release, String packagingRelease, List<String> tickets) {

    public SourceContext {
        tickets = List.copyOf(tickets);
    }
}
