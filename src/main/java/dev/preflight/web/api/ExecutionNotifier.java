package dev.preflight.web.api;

import dev.preflight.history.CheckExecutions;
import dev.preflight.notify.TeamsNotifications;
import dev.preflight.notify.ThreadLink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The Teams step of a check started from the web or the API. */
@Component
public class ExecutionNotifier {

    private final TeamsNotifications teams;

    ExecutionNotifier(TeamsNotifications teams) {
        this.teams = teams;
    }

    /** The switches to record with the execution, and what to do once its report is stored. */
    public record Plan(Map<String, Object> options, java.util.function.Consumer<CheckExecutions.Outcome> send) {}

    /** Validates the thread link before anything runs. */
    public Plan plan(boolean notify, @Nullable String thread, boolean mentions) {
        ThreadLink link = thread == null || thread.isBlank() ? null : ThreadLink.parse(thread);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("notify", notify);
        options.put("mentions", mentions);
        if (link != null) {
            options.put("thread", link.rootMessageId());
        }
        if (!notify) {
            return new Plan(options, outcome -> {});
        }
        return new Plan(
                options,
                outcome -> teams.notify(
                        outcome.execution().id(),
                        outcome.report(),
                        new TeamsNotifications.Options(link, mentions, false)));
    }

    public Map<String, Object> resend(UUID execution) {
        TeamsNotifications.Delivery delivery = teams.resend(execution);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parts", delivery.parts());
        body.put("sent", delivery.sent());
        body.put("error", delivery.error());
        return body;
    }
}
