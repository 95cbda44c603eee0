package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.directory.DirectoryProperties;
import dev.preflight.jira.JiraProperties;
import dev.preflight.packaging.PackagingProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The variable names the README documents bind to the settings they name. */
class EnvironmentVariablesUnitTest {

    private static final Map<String, Object> ENV = Map.ofEntries(
            Map.entry("PREFLIGHT_JIRA_URL", "https://example.atlassian.net"),
            Map.entry("PREFLIGHT_JIRA_USER", "bot@example.com"),
            Map.entry("PREFLIGHT_JIRA_TOKEN", "t"),
            Map.entry("PREFLIGHT_JIRA_FIELDS_QCASSIGNEE", "customfield_1"),
            Map.entry("PREFLIGHT_JIRA_FIELDS_QCDONEVALUES", "Done,Validated"),
            Map.entry("PREFLIGHT_PACKAGING_URL", "https://psrv.example"),
            Map.entry("PREFLIGHT_PACKAGING_USER", "u"),
            Map.entry("PREFLIGHT_PACKAGING_PASSWORD", "p"),
            Map.entry("PREFLIGHT_PACKAGING_RELEASEPREFIX_ET", "H3-"),
            Map.entry("PREFLIGHT_LDAP_URL", "ldaps://ldap.example"),
            Map.entry("PREFLIGHT_LDAP_BIND_DN", "cn=preflight"),
            Map.entry("PREFLIGHT_LDAP_BASE_DN", "dc=example"),
            Map.entry("PREFLIGHT_LDAP_STARTTLS", "true"));

    private final Binder binder = new Binder(
            ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("systemEnvironment", ENV)));

    @Test
    void connectorSettingsComeFromTheDocumentedVariables() {
        JiraProperties jira =
                binder.bind("preflight.jira", JiraProperties.class).get();
        PackagingProperties packaging =
                binder.bind("preflight.packaging", PackagingProperties.class).get();
        DirectoryProperties ldap =
                binder.bind("preflight.ldap", DirectoryProperties.class).get();

        assertThat(jira.user()).isEqualTo("bot@example.com");
        assertThat(jira.fields().qcAssignee()).isEqualTo("customfield_1");
        assertThat(jira.fields().qcDoneValues()).containsExactly("Done", "Validated");
        assertThat(jira.browseBase()).isEqualTo("https://example.atlassian.net/browse/");
        assertThat(packaging.packagingRelease("ET", "H3-2026.7")).isEqualTo("2026.7");
        assertThat(ldap.bindDn()).isEqualTo("cn=preflight");
        assertThat(ldap.baseDn()).isEqualTo("dc=example");
        assertThat(ldap.startTls()).isTrue();
    }

    @Test
    void errorsNameAVariableThatBinds() {
        assertThat(Failures.envName("preflight.ldap.bind-dn")).isEqualTo("PREFLIGHT_LDAP_BIND_DN");
        assertThat(Failures.envName("preflight.jira.fields.qc-assignee")).isEqualTo("PREFLIGHT_JIRA_FIELDS_QCASSIGNEE");
        assertThat(ENV).containsKeys("PREFLIGHT_LDAP_BIND_DN", "PREFLIGHT_JIRA_FIELDS_QCASSIGNEE");
    }
}
