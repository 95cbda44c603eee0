package dev.preflight.web.api;

import dev.preflight.notify.TeamsNotifications;
import dev.preflight.notify.ThreadLink;
import dev.preflight.run.CheckOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The Teams step of a check started from the web or the API, and resending it. */
@Component
public class ExecutionNotifier {

    private final TeamsNotifications teams;

    ExecutionNotifier(TeamsNotifications teams) {
        this.teams = teams;
    }

    /** The Teams step of a check, validated before anything runs (the link, the webhook). */
    public CheckOrder.Teams teams(boolean notify, @Nullable String thread, boolean mentions) {
        ThreadLink link = thread == null || thread.isBlank() ? null : ThreadLink.parse(thread);
        if (!notify) {
            return CheckOrder.Teams.none();
        }
        teams.requireWebhook();
        return CheckOrder.Teams.post(link == null ? null : link.rootMessageId(), mentions);
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
