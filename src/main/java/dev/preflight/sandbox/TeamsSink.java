package dev.preflight.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stands in for a Teams Workflows webhook: records what is posted so the demo can show it. */
final class TeamsSink extends SimulatedServer {

    static final String PATH = "/webhook";

    /** The Workflows message size limit Teams documents (28 KB). */
    static final int MAX_MESSAGE_BYTES = 28_672;

    private final List<TeamsPost> posts = new CopyOnWriteArrayList<>();

    TeamsSink(Scenario scenario, JsonMapper json) {
        super(scenario, "teams", json);
    }

    List<TeamsPost> posts() {
        return List.copyOf(posts);
    }

    /**
     * Why the Workflows run would fail on this payload, as Teams documents it: a message over
     * 28 KB (28,672 bytes) is refused, and the attachment must be an Adaptive Card.
     */
    private @Nullable String failure(byte[] body) {
        if (body.length > MAX_MESSAGE_BYTES) {
            return "MessageSizeExceeded-Message properties size exceeded. Actual " + body.length
                    + " bytes, whereas max allowed size is " + MAX_MESSAGE_BYTES + " bytes";
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (RuntimeException e) {
            return "InvalidRequestContent: the body is not JSON";
        }
        JsonNode attachment = payload.path("attachments").path(0);
        if (!"application/vnd.microsoft.card.adaptive"
                        .equals(attachment.path("contentType").asString(""))
                || !"AdaptiveCard"
                        .equals(attachment.path("content").path("type").asString(""))) {
            return "InvalidRequestContent: attachments[0] is not an Adaptive Card";
        }
        return null;
    }

    @Override
    protected Object faultBody(int status) {
        return Map.of("error", Map.of("code", "InjectedFailure", "message", "Injected failure " + status));
    }

    @Override
    protected void handle(Request request) throws IOException {
        if (request.path().equals(PATH) && request.method().equals("POST")) {
            byte[] body = request.bodyBytes();
            posts.add(new TeamsPost(Instant.now(), new String(body, StandardCharsets.UTF_8), failure(body)));
            request.respond(202, null);
        } else if (request.path().equals(PATH + "/posts") && request.method().equals("GET")) {
            request.respond(
                    200,
                    posts.stream()
                            .map(post -> {
                                Map<String, Object> entry = new java.util.LinkedHashMap<>();
                                entry.put("receivedAt", post.receivedAt().toString());
                                entry.put("payload", json.readTree(post.body()));
                                entry.put("failure", post.failure());
                                return entry;
                            })
                            .toList());
        } else {
            request.respond(404, Map.of("error", "not found"));
        }
    }
}
