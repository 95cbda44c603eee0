package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.directory.DirectoryProperties;
import dev.preflight.jira.JiraProperties;
import dev.preflight.packaging.PackagingProperties;
import dev.preflight.security.OidcProperties;
import dev.preflight.security.SecurityProperties;
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
    void signInSettingsComeFromTheDocumentedVariables() {
        Binder security = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                "systemEnvironment",
                Map.ofEntries(
                        Map.entry("PREFLIGHT_OIDC_TENANT", "11111111-2222"),
                        Map.entry("PREFLIGHT_OIDC_CLIENTID", "app-id"),
                        Map.entry("PREFLIGHT_OIDC_CLIENTSECRET", "s"),
                        Map.entry("PREFLIGHT_OIDC_ROLES_READWRITE", "Preflight.ReadWrite,group-1"),
                        Map.entry("PREFLIGHT_OIDC_ENDPROVIDERSESSION", "false"),
                        Map.entry("PREFLIGHT_SECURITY_LOCAL_ADMINPASSWORD", "first-admin-pw"),
                        Map.entry("PREFLIGHT_SECURITY_SESSION_ABSOLUTETIMEOUT", "8h"),
                        Map.entry("PREFLIGHT_SECURITY_TRUSTEDPROXIES", "10.0.0.1"),
                        Map.entry("PREFLIGHT_SECURITY_ALLOWLIST_ADDRESSES", "10.0.0.0/8,2001:db8::/32"),
                        Map.entry("PREFLIGHT_SECURITY_ALLOWLIST_APPLIESTO", "api"),
                        Map.entry("PREFLIGHT_SECURITY_SIGNINATTEMPTS", "5"),
                        Map.entry("PREFLIGHT_SECURITY_CHECKSPERMINUTE", "3")))));

        OidcProperties oidc =
                security.bind("preflight.oidc", OidcProperties.class).get();
        SecurityProperties rules =
                security.bind("preflight.security", SecurityProperties.class).get();

        assertThat(oidc.issuerUri()).isEqualTo("https://login.microsoftonline.com/11111111-2222/v2.0");
        assertThat(oidc.enabled()).isTrue();
        assertThat(oidc.roles().readwrite()).containsExactly("Preflight.ReadWrite", "group-1");
        assertThat(oidc.endProviderSession()).isFalse();
        assertThat(rules.local().adminPassword()).isEqualTo("first-admin-pw");
        assertThat(rules.session().absoluteTimeout()).hasHours(8);
        assertThat(rules.trustedProxies()).containsExactly("10.0.0.1");
        assertThat(rules.allowlist().addresses()).containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(rules.allowlist().appliesTo()).isEqualTo("api");
        assertThat(rules.signInAttempts()).isEqualTo(5);
        assertThat(rules.checksPerMinute()).isEqualTo(3);
    }

    @Test
    void errorsNameAVariableThatBinds() {
        assertThat(Failures.envName("preflight.ldap.bind-dn")).isEqualTo("PREFLIGHT_LDAP_BIND_DN");
        assertThat(Failures.envName("preflight.jira.fields.qc-assignee")).isEqualTo("PREFLIGHT_JIRA_FIELDS_QCASSIGNEE");
        assertThat(ENV).containsKeys("PREFLIGHT_LDAP_BIND_DN", "PREFLIGHT_JIRA_FIELDS_QCASSIGNEE");
    }
}
