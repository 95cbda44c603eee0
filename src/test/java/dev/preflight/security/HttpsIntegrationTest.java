package dev.preflight.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.io.File;
import java.net.URI;
import java.util.UUID;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Served directly over HTTPS with a keystore (as the README describes): HSTS, and Secure session cookies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpsIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());
    static final ObjectPair<File, char[]> KEYSTORE = keystore();

    private static ObjectPair<File, char[]> keystore() {
        try {
            return SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("preflight-https", "PKCS12");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("server.ssl.key-store", () -> KEYSTORE.getFirst().getAbsolutePath());
        registry.add("server.ssl.key-store-password", () -> new String(KEYSTORE.getSecond()));
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        TestAccounts.admin(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void overHttpsPagesAskForHstsAndCookiesAreSecure() throws Exception {
        // the test certificate names no host: trust it and skip the name check, for this connection only
        var connection = (HttpsURLConnection)
                URI.create("https://127.0.0.1:" + port + "/login").toURL().openConnection();
        connection.setSSLSocketFactory(
                new SSLUtil(new TrustAllTrustManager()).createSSLContext().getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);

        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(connection.getHeaderField("Strict-Transport-Security")).contains("max-age=");
        assertThat(connection.getHeaderFields().get("Set-Cookie"))
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax"));
        connection.disconnect();
    }
}
