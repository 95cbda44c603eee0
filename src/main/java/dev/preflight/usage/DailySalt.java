package dev.preflight.usage;

import dev.preflight.security.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Visitors are counted as keyed hashes whose key changes at midnight: the day's salt is derived
 * from a secret kept in a file (never in the database, where the hashes are), and the hashes are
 * deleted once their day is counted. Nodes sharing the file count a visitor once across them.
 */
final class DailySalt {

    private final Path file;
    private byte @Nullable [] secret;

    DailySalt(Path file) {
        this.file = file;
    }

    /** The visitor's hash for that day: 32 hex characters, unlinkable across days. */
    String hash(LocalDate day, String visitor) {
        try {
            Mac daily = Mac.getInstance("HmacSHA256");
            daily.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] salt = daily.doFinal(day.toString().getBytes(StandardCharsets.US_ASCII));
            Mac keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] hash = keyed.doFinal(visitor.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized byte[] secret() {
        if (secret == null) {
            try {
                String text = SecretFile.readOrCreate(file, () -> {
                    byte[] fresh = new byte[32];
                    new SecureRandom().nextBytes(fresh);
                    return Base64.getEncoder().encodeToString(fresh) + "\n";
                });
                secret = Base64.getDecoder().decode(text.strip());
            } catch (IOException e) {
                throw new UncheckedIOException("the usage salt key " + file + " cannot be read or created", e);
            }
        }
        return secret;
    }
}
