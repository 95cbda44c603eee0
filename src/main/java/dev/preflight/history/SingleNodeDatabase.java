package dev.preflight.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * H2 is for one node: a second server started on the same database file is refused at start-up
 * (the file lock goes with the process, even when it is killed). The embedded database has no
 * network server, so CLI commands cannot use the file while a server holds it (they say so).
 * Several nodes or processes at once need PostgreSQL.
 */
@Component
@ConditionalOnWebApplication
class SingleNodeDatabase implements DisposableBean {

    private final @Nullable FileChannel channel;
    private final @Nullable FileLock lock;

    SingleNodeDatabase(@Value("${spring.datasource.url:}") String url) throws IOException {
        Optional<Path> file = h2File(url);
        if (file.isEmpty()) {
            this.channel = null;
            this.lock = null;
            return;
        }
        Path lockFile = Path.of(file.get() + ".node.lock");
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        java.util.Set<StandardOpenOption> options =
                java.util.EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileChannel opened = java.nio.file.FileSystems.getDefault()
                        .supportedFileAttributeViews()
                        .contains("posix")
                ? FileChannel.open(
                        lockFile,
                        options,
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(lockFile, options);
        FileLock acquired;
        try {
            acquired = opened.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            acquired = null;
        }
        if (acquired == null) {
            opened.close();
            throw new IllegalStateException("another Preflight server already uses the H2 database " + file.get()
                    + ": H2 serves one node; several nodes need PostgreSQL (PREFLIGHT_DB_URL)");
        }
        this.channel = opened;
        this.lock = acquired;
    }

    /** The database file of an embedded H2 URL ({@code jdbc:h2:file:PATH;...} or {@code jdbc:h2:PATH}). */
    static Optional<Path> h2File(String url) {
        if (!url.startsWith("jdbc:h2:")
                || url.startsWith("jdbc:h2:mem:")
                || url.startsWith("jdbc:h2:tcp:")
                || url.startsWith("jdbc:h2:ssl:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int options = rest.indexOf(';');
        return Optional.of(
                Path.of(options < 0 ? rest : rest.substring(0, options)).toAbsolutePath());
    }

    @Override
    public void destroy() throws IOException {
        if (lock != null) {
            lock.release();
        }
        if (channel != null) {
            channel.close();
        }
    }
}
