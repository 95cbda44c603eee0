package dev.preflight.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LDAPS and StartTLS against an UnboundID server with a self-signed certificate. */
class DirectoryTlsIntegrationTest {

    private static InMemoryDirectoryServer server;

    @BeforeAll
    static void start() throws Exception {
        ObjectPair<File, char[]> keyStore =
                SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("preflight-test", "PKCS12");
        SSLUtil serverSsl = new SSLUtil(
                new KeyStoreKeyManager(keyStore.getFirst(), keyStore.getSecond(), "PKCS12", null),
                new TrustAllTrustManager());
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setSchema(null);
        config.addAdditionalBindCredentials("cn=preflight", "secret");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("starttls", loopback, 0, serverSsl.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig(
                        "ldaps", loopback, 0, serverSsl.createSSLServerSocketFactory(), null));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
        server.add(
                "dn: uid=alice,dc=example,dc=com",
                "objectClass: person",
                "uid: alice",
                "cn: Alice",
                "sn: Martin",
                "mail: alice@example.com",
                "userPrincipalName: amartin@corp.example.com",
                "displayName: Alice Martin");
        server.startListening();
    }

    @AfterAll
    static void stop() {
        server.shutDown(true);
    }

    private static DirectoryProperties properties(String url, boolean startTls, boolean trustAll) {
        return new DirectoryProperties(
                URI.create(url),
                "cn=preflight",
                "secret",
                "dc=example,dc=com",
                startTls,
                trustAll,
                "(mail={0})",
                "(displayName={0})",
                null,
                1,
                Duration.ofSeconds(5));
    }

    @Test
    void startTlsUpgradesAPlainConnection() {
        try (Directory directory =
                new Directory(properties("ldap://127.0.0.1:" + server.getListenPort("starttls"), true, true))) {
            assertThat(directory.byMail("alice@example.com"))
                    .get()
                    .extracting(DirectoryEntry::userPrincipalName)
                    .isEqualTo("amartin@corp.example.com");
        }
    }

    @Test
    void ldapsConnectsOverTls() {
        try (Directory directory =
                new Directory(properties("ldaps://127.0.0.1:" + server.getListenPort("ldaps"), false, true))) {
            assertThat(directory.byDisplayName("Alice Martin")).isPresent();
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        assertThatThrownBy(() ->
                        new Directory(properties("ldaps://127.0.0.1:" + server.getListenPort("ldaps"), false, false)))
                .isInstanceOf(Directory.DirectoryException.class)
                .hasMessageStartingWith("directory: cannot connect to 127.0.0.1:" + server.getListenPort("ldaps"))
                .message()
                .doesNotContain("secret");
    }
}
