package dev.preflight.check;

import java.util.Optional;
import java.util.regex.Pattern;

/** A package at one version, "SIX-QTI-TRX 0.12.0". Versions are x.y or x.y.z. */
public record PackageVersion(String name, String version) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");

    /** Parses "NAME x.y[.z]" (one or more spaces, or a colon, between name and version). */
    public static Optional<PackageVersion> parse(String declared) {
        String[] parts = declared.trim().split("\\s+|:", -1);
        if (parts.length != 2
                || !NAME.matcher(parts[0]).matches()
                || !VERSION.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new PackageVersion(parts[0], parts[1]));
    }

    public static boolean isVersion(String text) {
        return VERSION.matcher(text).matches();
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
