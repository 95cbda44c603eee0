package dev.preflight.push;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The application server's VAPID key pair (RFC 8292). Created at first start in a file only its
 * owner may read, or given as one (a mounted secret); never written to the database, which keeps
 * only the public key so that a node holding another pair says so instead of sending messages every
 * push service would refuse.
 */
@Component
class VapidKeyring {

    private static final Logger log = LoggerFactory.getLogger(VapidKeyring.class);

    /** Ready to sign, or why not. */
    sealed interface State {}

    record Ready(WebPush webPush, String applicationServerKey) implements State {}

    record Unavailable(String reason) implements State {}

    private final JdbcClient jdbc;
    private final Path file;
    private final @Nullable String subject;
    private final Clock clock;
    private @Nullable State state;

    VapidKeyring(
            PushProperties properties,
            JdbcClient jdbc,
            @Value("${preflight.data-dir}") Path dataDir,
            @Value("${preflight.public-url:}") String publicUrl,
            Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.file = properties.keyFile() != null
                ? properties.keyFile()
                : dataDir.resolve("push").resolve("vapid-keys");
        this.subject = properties.subjectOr(publicUrl);
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Read (or created) on first use: a command that sends nothing needs no key. */
    synchronized State state() {
        if (state == null) {
            state = load();
        }
        return state;
    }

    private State load() {
        if (subject == null) {
            return new Unavailable("push messages need a contact for push services:"
                    + " set PREFLIGHT_PUSH_SUBJECT to a mailto: or https: address");
        }
        VapidKeys keys;
        try {
            keys = Files.exists(file) ? read() : create();
        } catch (IOException | RuntimeException e) {
            log.warn("push messages are off: the VAPID key file {} cannot be used: {}", file, e.getMessage());
            return new Unavailable("the VAPID key file cannot be read or created (see the server log)");
        }
        String applicationServerKey =
                Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
        jdbc.sql("INSERT INTO push_key (id, public_key, created_at) SELECT 1, :key, :at"
                        + " WHERE NOT EXISTS (SELECT 1 FROM push_key WHERE id = 1)")
                .param("key", applicationServerKey)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
        String known = jdbc.sql("SELECT public_key FROM push_key WHERE id = 1")
                .query(String.class)
                .single();
        if (!known.equals(applicationServerKey)) {
            log.error(
                    "push messages are off on this node: its VAPID key ({}) is not the one devices subscribed with;"
                            + " give every node the same key file",
                    file);
            return new Unavailable("this node's VAPID key is not the one devices subscribed with:"
                    + " every node needs the same key file");
        }
        return new Ready(new WebPush(subject, keys), applicationServerKey);
    }

    private VapidKeys read() throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream()
                    .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("the VAPID key file {} is readable by others than its owner: chmod 600 it", file);
            }
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: nothing to check
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        if (lines.size() != 2) {
            throw new IllegalArgumentException("expected two lines: the X.509 public key, then the PKCS#8 private key");
        }
        // openssl's base64 as well as the library's base64url
        return VapidKeys.create(urlSafe(lines.get(0)), urlSafe(lines.get(1)));
    }

    private static String urlSafe(String base64) {
        return base64.replace('+', '-').replace('/', '_').replace("=", "");
    }

    /** A pair of our own, in a file only its owner may read. */
    private VapidKeys create() throws IOException {
        VapidKeys keys = VapidKeys.generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path draft = Files.createTempFile(file.toAbsolutePath().getParent(), ".vapid-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // kept as the file system allows
            }
            Files.writeString(
                    draft,
                    keys.getX509PublicKey() + "\n" + keys.getPkcs8PrivateKey() + "\n",
                    StandardCharsets.US_ASCII);
            // a link fails if another process created the file meanwhile: then its pair is the one
            Files.createLink(file, draft);
            log.info("created the VAPID key pair for push messages in {}", file);
            return keys;
        } catch (FileAlreadyExistsException raced) {
            return read();
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    Path file() {
        return file;
    }
}
