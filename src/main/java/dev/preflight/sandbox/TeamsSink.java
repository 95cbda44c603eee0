package dev.preflight.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/** Stands in for a Teams Workflows webhook: records what is posted so the demo can show it. */
final class TeamsSink extends SimulatedServer {

    static final String PATH = "/webhook";

    private final List<TeamsPost> posts = new CopyOnWriteArrayList<>();

    TeamsSink(Scenario scenario, JsonMapper json) {
        super(scenario, "teams", json);
    }

    List<TeamsPost> posts() {
        return List.copyOf(posts);
    }

    @Override
    protected Object faultBody(int status) {
        return Map.of("error", Map.of("code", "InjectedFailure", "message", "Injected failure " + status));
    }

    @Override
    protected void handle(Request request) throws IOException {
        if (request.path().equals(PATH) && request.method().equals("POST")) {
            posts.add(new TeamsPost(Instant.now(), new String(request.bodyBytes(), StandardCharsets.UTF_8)));
            request.respond(202, null);
        } else if (request.path().equals(PATH + "/posts") && request.method().equals("GET")) {
            request.respond(
                    200,
                    posts.stream()
                            .map(post -> Map.of(
                                    "receivedAt", post.receivedAt().toString(), "payload", json.readTree(post.body())))
                            .toList());
        } else {
            request.respond(404, Map.of("error", "not found"));
        }
    }
}
