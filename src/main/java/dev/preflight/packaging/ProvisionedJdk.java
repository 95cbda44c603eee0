package dev.preflight.packaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A JDK for the managed packaging server, as the release managers' current tool provides one:
 * downloaded once from a configured archive (.tar.gz or .zip), checked against its SHA-256,
 * unpacked beside the data directory and reused. A wrong checksum is refused; a failed download
 * or unpack leaves nothing behind.
 */
public final class ProvisionedJdk {

    private static final String COMPLETE = ".preflight-complete";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** The JDK the managed server runs with: the provisioned archive when one is configured, else its home. */
    public static @Nullable Path forManaged(PackagingProperties.Managed managed) {
        return managed.jdk().archiveUrl() != null ? new ProvisionedJdk().javaHome(managed.jdk()) : managed.javaHome();
    }

    /** The JDK's home, provisioning it first if this archive was never unpacked here. */
    public Path javaHome(PackagingProperties.Jdk jdk) {
        if (jdk.archiveUrl() == null || jdk.sha256() == null) {
            throw new IllegalArgumentException("preflight.packaging.managed.jdk needs both archive-url and sha256");
        }
        String expected = jdk.sha256().toLowerCase(Locale.ROOT);
        Path target = jdk.directory().resolve(expected.substring(0, 16)).toAbsolutePath();
        if (Files.exists(target.resolve(COMPLETE))) {
            return home(target);
        }
        Path download = null;
        Path unpacking = null;
        try {
            Files.createDirectories(jdk.directory());
            download = jdk.directory().resolve(".download-" + UUID.randomUUID());
            String actual = download(jdk.archiveUrl(), download);
            if (!actual.equals(expected)) {
                throw new IllegalStateException("JDK archive " + redacted(jdk.archiveUrl()) + " has SHA-256 " + actual
                        + ", expected " + expected + ": refused");
            }
            unpacking = jdk.directory().resolve(".unpack-" + UUID.randomUUID());
            Files.createDirectories(unpacking);
            unpack(download, unpacking, jdk.archiveUrl().getPath());
            Path home = home(unpacking);
            if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
                throw new IllegalStateException("JDK archive " + redacted(jdk.archiveUrl()) + " holds no bin/java");
            }
            Files.createFile(unpacking.resolve(COMPLETE));
            try {
                Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another run unpacked the same archive meanwhile: use theirs
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(unpacking, target);
            }
            unpacking = null;
            return home(target);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "JDK archive " + redacted(jdk.archiveUrl()) + " could not be provisioned (" + e.getMessage() + ")",
                    e);
        } finally {
            deleteQuietly(download);
            deleteQuietly(unpacking);
        }
    }

    private String download(URI url, Path file) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("download answered " + response.statusCode());
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream in = new DigestInputStream(body, sha256);
                    OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unpack(Path archive, Path into, String name) throws IOException {
        if (name.endsWith(".zip")) {
            try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Path path = inside(into, entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(zip, path);
                        if (path.getParent().getFileName().toString().equals("bin")) {
                            path.toFile().setExecutable(true);
                        }
                    }
                }
            }
            return;
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = inside(into, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    inside(path.getParent(), entry.getLinkName()); // a link may not point outside either
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    /** Refuses entries that would land outside the unpack directory ("zip slip"). */
    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root.normalize())) {
            throw new IOException("archive entry '" + name + "' points outside the archive");
        }
        return path;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = new HashSet<>();
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        return permissions;
    }

    /** JDK archives hold one top directory (jdk-21.0.5+11/); the home is there, or at the root. */
    private static Path home(Path unpacked) {
        if (Files.exists(unpacked.resolve("bin").resolve("java"))) {
            return unpacked;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(unpacked, Files::isDirectory)) {
            for (Path child : children) {
                if (Files.exists(child.resolve("bin").resolve("java"))) {
                    return child;
                }
                Path macHome = child.resolve("Contents").resolve("Home");
                if (Files.exists(macHome.resolve("bin").resolve("java"))) {
                    return macHome;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + unpacked + " (" + e.getMessage() + ")", e);
        }
        return unpacked;
    }

    /** URLs may carry credentials in their query or user part: never show them. */
    private static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + url.getPath();
    }

    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temporary folder is ignored by the next run
        }
    }
}
