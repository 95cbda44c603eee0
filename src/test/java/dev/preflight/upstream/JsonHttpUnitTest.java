package dev.preflight.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Upstream endpoints are measured by template: a metric label never carries an id, key or version. */
class JsonHttpUnitTest {

    @Test
    void idsKeysAndVersionsBecomeAPlaceholderAndWordsStay() {
        assertThat(JsonHttp.template("/rest/api/3/version/10001")).isEqualTo("/rest/api/3/version/{id}");
        assertThat(JsonHttp.template("/rest/api/3/project/ET/versions?startAt=50"))
                .isEqualTo("/rest/api/3/project/{id}/versions");
        assertThat(JsonHttp.template("/rest/api/3/search/approximate-count"))
                .isEqualTo("/rest/api/3/search/approximate-count");
        assertThat(JsonHttp.template("/api/v1/releases/2026.7/packages")).isEqualTo("/api/v1/releases/{id}/packages");
        assertThat(JsonHttp.template("/workflows/4f1e2a9b0c/triggers/manual/paths/invoke?sig=secret"))
                .isEqualTo("/workflows/{id}/triggers/manual/paths/invoke");
        assertThat(JsonHttp.template("/api/v3/leaves")).isEqualTo("/api/v3/leaves");
    }
}
