package dev.preflight.notify;

import dev.preflight.upstream.JsonHttp;
import dev.preflight.upstream.RetryPolicy;
import dev.preflight.upstream.UpstreamException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts one payload to the Workflows webhook, retrying 429, 5xx and time-outs (Retry-After
 * honoured) a bounded number of times. The URL carries a signature: it never appears in errors.
 */
public final class TeamsWebhook {

    private final URI url;
    private final JsonHttp http;
    private final JsonMapper json;

    public TeamsWebhook(URI url, TeamsProperties properties, JsonMapper json) {
        this.url = url;
        this.json = json;
        String base = url.getScheme() + "://" + url.getRawAuthority();
        this.http = new JsonHttp(
                "Teams webhook",
                base,
                Duration.ofSeconds(10),
                properties.timeout(),
                new RetryPolicy(
                        properties.attempts(), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2)),
                Set.of(429, 500, 502, 503, 504),
                json);
    }

    /**
     * Sends; throws an {@link UpstreamException} naming the last status when it gives up. Each
     * delivery is counted in {@code preflight.teams.deliveries} (Micrometer's global registry, as
     * for upstream requests: webhooks are built by hand).
     */
    public void post(String payload) {
        try {
            send(payload);
            delivered("sent");
        } catch (UpstreamException e) {
            delivered(e.status() == 0 || e.status() == 429 || e.status() >= 500 ? "unavailable" : "refused");
            throw e;
        }
    }

    private static void delivered(String outcome) {
        io.micrometer.core.instrument.Metrics.globalRegistry
                .counter("preflight.teams.deliveries", "outcome", outcome)
                .increment();
    }

    private void send(String payload) {
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        JsonHttp.Answer answer;
        try {
            answer = http.sendIdempotent("POST", path, json.readTree(payload), null);
        } catch (UpstreamException e) {
            throw new UpstreamException(
                    "Teams webhook",
                    "POST " + url.getHost(),
                    e.status(),
                    e.getMessage().substring(e.getMessage().lastIndexOf(": ") + 2));
        }
        if (answer.status() >= 300) {
            String problem = switch (answer.status()) {
                case 400 -> "refused the card (" + JsonHttp.errorText(answer.body()) + ")";
                case 413 -> "refused the card as too large";
                case 401, 403, 404 -> "refused the request: check PREFLIGHT_TEAMS_WEBHOOK_URL";
                default -> JsonHttp.errorText(answer.body());
            };
            throw new UpstreamException("Teams webhook", "POST " + url.getHost(), answer.status(), problem);
        }
    }
}
