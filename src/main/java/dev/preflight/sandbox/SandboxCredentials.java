package dev.preflight.sandbox;

/**
 * The credentials the sandbox accepts. They are fixed and public on purpose: the sandbox guards
 * nothing, but the connectors must still authenticate the way they do in production.
 */
public record SandboxCredentials(
        String jiraUser,
        String jiraToken,
        String packagingUser,
        String packagingPassword,
        String ldapBindDn,
        String ldapPassword,
        String ldapBaseDn,
        String luccaKey) {

    public static SandboxCredentials standard() {
        return new SandboxCredentials(
                "preflight@example.com",
                "sandbox-jira-token",
                "preflight",
                "sandbox-packaging-password",
                "cn=preflight,ou=services,dc=corp,dc=example,dc=com",
                "sandbox-ldap-password",
                "dc=corp,dc=example,dc=com",
                "sandbox-lucca-key");
    }
}
