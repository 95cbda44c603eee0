package dev.preflight.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame shows: whether the outside world is the sandbox's simulation, and whether writes work. */
@ControllerAdvice
class PageFrame {

    private final boolean sandbox;
    private final dev.preflight.continuity.DatabaseMode database;

    // the sandbox sets its own Teams sink: its presence means Jira, the packaging server and the rest are simulated
    PageFrame(
            @Value("${preflight.teams.sandbox-webhook-url:}") String sandboxWebhook,
            dev.preflight.continuity.DatabaseMode database) {
        this.sandbox = !sandboxWebhook.isBlank();
        this.database = database;
    }

    /** Since when the database has had no primary, when it has none: every page says so first. */
    @ModelAttribute("readOnlySince")
    java.time.@org.jspecify.annotations.Nullable Instant readOnlySince() {
        return database.readOnlySince().orElse(null);
    }

    @ModelAttribute("sandbox")
    boolean sandbox() {
        return sandbox;
    }
}
