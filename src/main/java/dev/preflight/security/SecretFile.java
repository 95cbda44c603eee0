package dev.preflight.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the server makes for itself at first start (a key pair, a salt's key), kept in a file
 * only its owner may read, never in the database. Several nodes given the same file (a shared
 * volume, a mounted secret) share the secret; two processes creating it at once end up with one.
 */
public final class SecretFile {

    private static final Logger log = LoggerFactory.getLogger(SecretFile.class);

    private SecretFile() {}

    /** The file's text, made with {@code content} (mode 600) when the file does not exist yet. */
    public static String readOrCreate(Path file, Supplier<String> content) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        Path draft = draft(file, content.get());
        try {
            // a link fails if another process made the file meanwhile: then its secret is the one
            Files.createLink(file, draft);
            log.info("created the secret file {}", file);
            return read(file);
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** Replaces the file's text at once (mode 600): a reader sees the old secret or the new one. */
    public static void replace(Path file, String content) throws IOException {
        Path draft = draft(file, content);
        try {
            Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** The content in a file beside {@code file} that only its owner may read. */
    private static Path draft(Path file, String content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path draft = Files.createTempFile(folder, ".secret-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // kept as the file system allows
            }
            Files.writeString(draft, content, StandardCharsets.US_ASCII);
            return draft;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(draft);
            throw e;
        }
    }

    private static String read(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("OTHERS"))) {
                log.warn("the secret file {} is readable by anyone: chmod 600 it (440 for a group)", file);
            }
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: nothing to check
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
