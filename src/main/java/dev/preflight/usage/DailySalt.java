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
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visitors are counted as hashes keyed by the day's salt. The salt is a ratchet: each day's is a
 * one-way step of the day before's, and the file (never the database, where the hashes are) keeps
 * only today's, so once a day is over its salt cannot be had again, from the file or a backup.
 * Nodes sharing the file step it the same way; a node whose salt is not the others' is told by
 * {@link #fingerprint}.
 */
final class DailySalt {

    private static final Logger log = LoggerFactory.getLogger(DailySalt.class);

    private record Salt(LocalDate day, byte[] key) {}

    private final Path file;
    private final Supplier<LocalDate> today;
    private @Nullable Salt current;
    private boolean warnedReadOnly;

    DailySalt(Path file, Supplier<LocalDate> today) {
        this.file = file;
        this.today = today;
    }

    /** The visitor's hash for that day (32 hex characters), or null when that day's salt is gone. */
    synchronized @Nullable String hash(LocalDate day, String visitor) {
        byte[] salt = salt(day);
        return salt == null ? null : HexFormat.of().formatHex(hmac(salt, visitor), 0, 16);
    }

    /** What nodes compare to know they count with the same salt; it reveals nothing of the salt. */
    synchronized @Nullable String fingerprint(LocalDate day) {
        byte[] salt = salt(day);
        return salt == null ? null : HexFormat.of().formatHex(hmac(salt, "fingerprint"), 0, 16);
    }

    private byte @Nullable [] salt(LocalDate day) {
        if (current != null && current.day().equals(day)) {
            return current.key();
        }
        Salt stored = read();
        if (day.isBefore(stored.day())) {
            return null; // a day already stepped past: its salt is gone, on purpose
        }
        byte[] key = stored.key();
        for (LocalDate d = stored.day(); d.isBefore(day); d = d.plusDays(1)) {
            key = hmac(key, "next day");
        }
        current = new Salt(day, key);
        if (day.isAfter(stored.day())) {
            write(current);
        }
        return key;
    }

    private Salt read() {
        try {
            String text = SecretFile.readOrCreate(file, () -> {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                return today.get() + " " + Base64.getEncoder().encodeToString(fresh) + "\n";
            });
            String[] parts = text.strip().split("\\s+");
            if (parts.length == 1) { // a key given alone (openssl rand -base64 32): today's
                return new Salt(today.get(), Base64.getDecoder().decode(parts[0]));
            }
            return new Salt(LocalDate.parse(parts[0]), Base64.getDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("the usage salt key " + file + " cannot be read or created", e);
        }
    }

    /** Today's salt replaces yesterday's in the file; a read-only file (a mounted secret) keeps its seed. */
    private void write(Salt salt) {
        try {
            SecretFile.replace(file, salt.day() + " " + Base64.getEncoder().encodeToString(salt.key()) + "\n");
        } catch (IOException | RuntimeException e) {
            if (!warnedReadOnly) {
                warnedReadOnly = true;
                log.warn(
                        "the usage salt key {} cannot be stepped ({}): past days' salts stay derivable from it",
                        file,
                        e.getMessage());
            }
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
