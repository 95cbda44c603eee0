package dev.preflight.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Passwords nobody should choose: the 49,000 most common ones (shipped with the project, see
 * passwords/NOTICE.txt), also with digits or symbols added at the end ("password2024!"), and
 * repetitions of one to four characters ("aaaaaaaaaaaa", "abcabcabcabc").
 */
@Component
public class CommonPasswords {

    private static final String LIST = "passwords/common.txt";

    private final Set<String> common = new HashSet<>(64_000);

    public CommonPasswords() {
        try (InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the application");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .forEach(common::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the password is too easy to guess, or empty when it is not. */
    public Optional<String> weakness(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        for (int unit = 1; unit <= 4; unit++) {
            if (repeats(lower, unit)) {
                return Optional.of("a password cannot be one short sequence repeated");
            }
        }
        String base = lower.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        if (common.contains(lower) || (base.length() >= 4 && common.contains(base))) {
            return Optional.of("this password is among the most common ones: choose another");
        }
        return Optional.empty();
    }

    private static boolean repeats(String text, int unit) {
        if (text.length() % unit != 0 || text.length() <= unit) {
            return false;
        }
        for (int i = unit; i < text.length(); i++) {
            if (text.charAt(i) != text.charAt(i - unit)) {
                return false;
            }
        }
        return true;
    }
}
