package dev.preflight.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The data folder (embedded database, provisioned JDKs, pid file) is its owner's alone: created
 * 0700 before anything is written in it, and an existing one made so at start-up, with the
 * database's files 0600. The embedded database has no network server, so these permissions are
 * the only way in. Runs before the application context, for the server and every command.
 */
public final class PrivateDataFolder implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final String OWNER_ONLY_FOLDER = "rwx------";
    private static final String OWNER_ONLY_FILE = "rw-------";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String folder = event.getEnvironment().getProperty("preflight.data-dir");
        // never tighten a home folder someone pointed the data folder at: only its db folder then
        if (folder != null && !folder.isBlank()) {
            Path path = Path.of(folder).toAbsolutePath().normalize();
            secure(
                    path,
                    !path.equals(Path.of(System.getProperty("user.home"))
                            .toAbsolutePath()
                            .normalize()));
        }
        String url = event.getEnvironment().getProperty("spring.datasource.url", "");
        SingleNodeDatabase.h2File(url).ifPresent(PrivateDataFolder::createPrivately);
    }

    /**
     * Creates the embedded database's file empty and 0600 before H2 opens it (H2 takes an empty
     * file as a new database and keeps its permissions), so it is never readable by others.
     */
    static void createPrivately(Path database) {
        Path file = Path.of(database + ".mv.db");
        if (Files.exists(file)
                || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createDirectories(
                    file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FOLDER)));
            Files.createFile(
                    file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)));
        } catch (java.nio.file.FileAlreadyExistsException createdMeanwhile) {
            // another command got there first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database file " + file + ": " + e.getMessage(), e);
        }
    }

    static void secure(Path folder, boolean folderToo) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // elsewhere the user profile's own access rules apply
        }
        try {
            for (Path dir : new Path[] {folder, folder.resolve("db")}) {
                if (Files.notExists(dir)) {
                    Files.createDirectories(
                            dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FOLDER)));
                }
                if (folderToo || !dir.equals(folder)) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(OWNER_ONLY_FOLDER));
                }
            }
            try (Stream<Path> files = Files.list(folder.resolve("db"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(OWNER_ONLY_FILE));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + folder + " private: " + e.getMessage(), e);
        }
    }
}
