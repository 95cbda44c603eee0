package dev.preflight.sandbox;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.net.InetAddress;

/** An LDAP directory (UnboundID in-memory server) holding the scenario's people. */
final class DirectorySimulator implements AutoCloseable {

    private final InMemoryDirectoryServer server;
    private final int port;

    DirectorySimulator(Scenario scenario, SandboxCredentials credentials, int port) throws LDAPException {
        String base = credentials.ldapBaseDn();
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
        config.addAdditionalBindCredentials(credentials.ldapBindDn(), credentials.ldapPassword());
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
        // Active Directory attributes (userPrincipalName) are not in the standard schema.
        config.setSchema(null);
        server = new InMemoryDirectoryServer(config);
        server.add(new Entry(
                base,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "domain"),
                new com.unboundid.ldap.sdk.Attribute("dc", "corp")));
        server.add(new Entry(
                "ou=people," + base,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "organizationalUnit"),
                new com.unboundid.ldap.sdk.Attribute("ou", "people")));
        for (Scenario.User user : scenario.users()) {
            String uid = user.email()
                    .substring(
                            0,
                            user.email().indexOf('@') < 0
                                    ? user.email().length()
                                    : user.email().indexOf('@'));
            Entry entry = new Entry("uid=" + uid + ",ou=people," + base);
            entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "user");
            entry.addAttribute("uid", uid);
            entry.addAttribute("mail", user.email());
            entry.addAttribute("cn", user.displayName() == null ? uid : user.displayName());
            entry.addAttribute("sn", uid);
            entry.addAttribute("displayName", user.displayName() == null ? uid : user.displayName());
            entry.addAttribute("userPrincipalName", user.upn() == null ? user.email() : user.upn());
            entry.addAttribute("extensionAttribute1", JiraSimulator.accountId(user));
            server.add(entry);
        }
        server.startListening();
        this.port = server.getListenPort();
    }

    void stopListening() {
        server.shutDown(false);
    }

    String url() {
        return "ldap://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
