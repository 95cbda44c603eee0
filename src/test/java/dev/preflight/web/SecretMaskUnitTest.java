package dev.preflight.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskUnitTest {

    @Test
    void settingsNamedLikeSecretsAreHiddenWhole() {
        assertThat(SecretMask.setting("preflight.jira.token", "abc")).isEqualTo("****");
        assertThat(SecretMask.setting("preflight.teams.webhook-url", "https://x"))
                .isEqualTo("****");
        assertThat(SecretMask.setting("preflight.jira.url", "https://jira.example"))
                .isEqualTo("https://jira.example");
        assertThat(SecretMask.setting("preflight.jira.token", "")).isEmpty();
    }

    @Test
    void secretsAreHiddenByTheirShapeWhateverTheSettingIsCalled() {
        assertThat(SecretMask.setting(
                        "preflight.packaging.managed.download",
                        "https://store.example/server.zip?sv=2024&sig=AbC%2Bd&se=2026"))
                .isEqualTo("https://store.example/server.zip?sv=2024&sig=****&se=2026");
        assertThat(SecretMask.setting(
                        "preflight.packaging.managed.command",
                        "java -jar server.jar --db-password=hunter2 --port 8081"))
                .isEqualTo("java -jar server.jar --db-password=**** --port 8081");
        assertThat(SecretMask.text("-Dapp.secret=s3cr3t -Xmx1g")).isEqualTo("-Dapp.secret=**** -Xmx1g");
        assertThat(SecretMask.text("connecting to jdbc:postgresql://app:pa55@db:5432/x"))
                .isEqualTo("connecting to jdbc:postgresql://app:****@db:5432/x");
        assertThat(SecretMask.text("Authorization: Bearer eyJhbGciOi.x.y")).isEqualTo("Authorization: Bearer ****");
        assertThat(SecretMask.text("token pft_AbCdEf_123 used")).doesNotContain("pft_AbCdEf_123");
        assertThat(SecretMask.text("started on port 8081 in 2.1 s")).isEqualTo("started on port 8081 in 2.1 s");
    }
}
