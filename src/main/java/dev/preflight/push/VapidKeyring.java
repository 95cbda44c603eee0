package dev.preflight.push;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import dev.preflight.security.SecretFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
                : dataDir.resolve("keys").resolve("vapid-keys");
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
            keys = readOrCreate();
        } catch (IOException | RuntimeException e) {
            log.warn("push messages are off: the VAPID key file {} cannot be used: {}", file, e.getMessage());
            return new Unavailable("the VAPID key file cannot be read or created (see the server log)");
        }
        String applicationServerKey =
                Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
        try {
            jdbc.sql("INSERT INTO push_key (id, public_key, created_at) SELECT 1, :key, :at"
                            + " WHERE NOT EXISTS (SELECT 1 FROM push_key WHERE id = 1)")
                    .param("key", applicationServerKey)
                    .param("at", java.sql.Timestamp.from(clock.instant()))
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // another node recorded its key at the same moment: compared below
        }
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

    /** The file's pair, or a new one of our own in a file only its owner may read. */
    private VapidKeys readOrCreate() throws IOException {
        List<String> lines = SecretFile.readOrCreate(file, () -> {
                    VapidKeys fresh = VapidKeys.generate();
                    return fresh.getX509PublicKey() + "\n" + fresh.getPkcs8PrivateKey() + "\n";
                })
                .lines()
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

    Path file() {
        return file;
    }
}
