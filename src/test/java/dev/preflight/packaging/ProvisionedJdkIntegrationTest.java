package dev.preflight.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP server on loopback serving generated archives. */
class ProvisionedJdkIntegrationTest {

    @TempDir
    Path data;

    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    private byte[] archive;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, archive.length);
            exchange.getResponseBody().write(archive);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "?token=secret");
    }

    private static byte[] tarGz(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(namesAndContents[i]);
                entry.setSize(content.length);
                entry.setMode(namesAndContents[i].contains("/bin/") ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private PackagingProperties.Jdk jdk(String name, String sha) {
        return new PackagingProperties.Jdk(url(name), sha, data.resolve("jdk"));
    }

    @Test
    void downloadsOnceVerifiesUnpacksAndReuses() throws Exception {
        archive = tarGz(
                "jdk-21.0.5+11/bin/java", "#!/bin/sh\necho fake java\n", "jdk-21.0.5+11/release", "JAVA_VERSION=21");
        PackagingProperties.Jdk jdk = jdk("jdk.tar.gz", sha256(archive));

        Path home = new ProvisionedJdk().javaHome(jdk);
        Path again = new ProvisionedJdk().javaHome(jdk);

        assertThat(home.getFileName().toString()).isEqualTo("jdk-21.0.5+11");
        assertThat(home.resolve("bin/java")).isExecutable();
        assertThat(again).isEqualTo(home);
        assertThat(downloads).hasValue(1);
        try (Stream<Path> leftovers = Files.list(data.resolve("jdk"))) {
            assertThat(leftovers).extracting(p -> p.getFileName().toString()).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void aChecksumMismatchIsRefusedAndLeavesNothing() throws Exception {
        archive = tarGz("jdk/bin/java", "#!/bin/sh\n");

        assertThatThrownBy(() -> new ProvisionedJdk().javaHome(jdk("jdk.tar.gz", "0".repeat(64))))
                .hasMessageStartingWith("JDK archive http://127.0.0.1:")
                .hasMessageContaining("expected " + "0".repeat(64) + ": refused")
                .message()
                .doesNotContain("secret");
        try (Stream<Path> left = Files.list(data.resolve("jdk"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aBrokenArchiveLeavesNothingHalfUnpacked() throws Exception {
        byte[] whole = tarGz("jdk/bin/java", "#!/bin/sh\n", "jdk/lib/big", "x".repeat(10_000));
        archive = java.util.Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> new ProvisionedJdk().javaHome(jdk("jdk.tar.gz", sha256(archive))))
                .hasMessageContaining("could not be provisioned");
        try (Stream<Path> left = Files.list(data.resolve("jdk"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anEntryEscapingTheArchiveIsRefused() throws Exception {
        archive = tarGz("jdk/bin/java", "#!/bin/sh\n", "../../evil", "owned");

        assertThatThrownBy(() -> new ProvisionedJdk().javaHome(jdk("jdk.tar.gz", sha256(archive))))
                .hasMessageContaining("points outside the archive");
        assertThat(data.resolve("evil")).doesNotExist();
    }
}
