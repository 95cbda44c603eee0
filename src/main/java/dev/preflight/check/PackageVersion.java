package dev.preflight.check;

import java.util.Optional;
import java.util.regex.Pattern;

/** A package at one version, "SIX-QTI-TRX 0.12.0". Versions are x.y or x.y.z. */
public record PackageVersion(String name, String version) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");

    /** Invisible characters that pasted text carries: zero-width spaces and joiners, the BOM, soft hyphens. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");

    /** Any Unicode space (no-break, thin, ideographic…) counts as a space. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Zs}]+");

    /**
     * Parses "NAME x.y[.z]" (one or more spaces, or a colon, between name and version), after
     * {@link #normalise}: text pasted from a chat or a document often carries no-break or
     * zero-width spaces that a reader cannot see.
     */
    public static Optional<PackageVersion> parse(String declared) {
        String[] parts = normalise(declared).split(" |:", -1);
        if (parts.length != 2
                || !NAME.matcher(parts[0]).matches()
                || !VERSION.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new PackageVersion(parts[0], parts[1]));
    }

    /** Drops invisible characters, turns every Unicode space into one plain space, and strips. */
    public static String normalise(String declared) {
        String visible = INVISIBLE.matcher(declared).replaceAll("");
        return SPACES.matcher(visible).replaceAll(" ").strip();
    }

    /** The text with every character outside printable ASCII escaped as {@code \\u00A0}, for messages. */
    public static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= 0x20 && c < 0x7F) {
                out.appendCodePoint(c);
            } else if (Character.isLetterOrDigit(c)) {
                out.appendCodePoint(c); // accented letters read as they are
            } else {
                out.append(String.format("\\u%04X", c));
            }
        });
        return out.toString();
    }

    public static boolean isVersion(String text) {
        return VERSION.matcher(text).matches();
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
