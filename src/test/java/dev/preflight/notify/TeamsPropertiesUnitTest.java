package dev.preflight.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TeamsPropertiesUnitTest {

    private static TeamsProperties properties(String webhook, boolean allowInsecure, String sandbox) {
        return new TeamsProperties(
                webhook == null ? null : URI.create(webhook),
                allowInsecure,
                sandbox == null ? null : URI.create(sandbox),
                "1.4",
                24_000,
                ZoneId.of("Europe/Paris"),
                true,
                null,
                4,
                Duration.ofSeconds(30),
                Duration.ofMinutes(5));
    }

    @Test
    void aWebhookMustBeHttpsUnlessAllowedForTests() {
        assertThatThrownBy(() -> properties("http://flow.example/invoke", false, null))
                .hasMessageStartingWith("preflight.teams.webhook-url must be https");
        assertThat(properties("http://127.0.0.1:9/webhook", true, null).target())
                .hasToString("http://127.0.0.1:9/webhook");
    }

    @Test
    void theConfiguredWebhookWinsOverTheSandboxSink() {
        assertThat(properties("https://flow.example/invoke", false, "http://127.0.0.1:1/webhook")
                        .target())
                .hasToString("https://flow.example/invoke");
        assertThat(properties(null, false, "http://127.0.0.1:1/webhook").target())
                .hasToString("http://127.0.0.1:1/webhook");
        assertThat(properties(null, false, null).target()).isNull();
    }
}
