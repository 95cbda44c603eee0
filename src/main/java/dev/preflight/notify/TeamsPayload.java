package dev.preflight.notify;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope a Power Automate "When a Teams webhook request is received" flow expects, plus
 * Preflight's keys for the flow: the thread to reply in and an idempotency key.
 */
public final class TeamsPayload {

    private final JsonMapper json;

    public TeamsPayload(JsonMapper json) {
        this.json = json;
    }

    public String write(AdaptiveCard card, @Nullable String replyToMessageId, @Nullable String idempotencyKey) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "message");
        envelope.put(
                "attachments",
                List.of(Map.of(
                        "contentType", "application/vnd.microsoft.card.adaptive", "contentUrl", "", "content", card)));
        if (replyToMessageId != null) {
            envelope.put("replyToMessageId", replyToMessageId);
        }
        if (idempotencyKey != null) {
            envelope.put("idempotencyKey", idempotencyKey);
        }
        return json.writeValueAsString(envelope);
    }

    /** The size Teams counts: the whole payload in UTF-8, with room for the thread and key. */
    int size(AdaptiveCard card) {
        return write(card, "1700000000000", "00000000-0000-0000-0000-000000000000-00")
                .getBytes(StandardCharsets.UTF_8)
                .length;
    }
}
