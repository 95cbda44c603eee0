package dev.preflight.custom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Secrets by name: the environment variable {@code PREFLIGHT_SECRET_<NAME>}, else the file
 * {@code <PREFLIGHT_SECRETS_DIR>/<NAME>}. Values are read when a source runs and never kept.
 */
public final class Secrets {

    /** Upper-case letters, digits and underscores: a valid environment variable suffix and file name. */
    public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final Map<String, String> environment;
    private final @Nullable Path directory;

    public Secrets(Map<String, String> environment, @Nullable Path directory) {
        this.environment = Map.copyOf(environment);
        this.directory = directory;
    }

    public static Secrets fromEnvironment() {
        String dir = System.getenv("PREFLIGHT_SECRETS_DIR");
        return new Secrets(System.getenv(), dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    /** The secret's value; a missing one is a failure naming the secret, never a value. */
    public String value(String name) throws SourceFailure {
        if (!NAME.matcher(name).matches()) {
            throw new SourceFailure("secret name '" + name + "' is not of the form " + NAME.pattern());
        }
        String value = environment.get("PREFLIGHT_SECRET_" + name);
        if (value != null) {
            return value;
        }
        if (directory != null) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new SourceFailure("secret " + name + " could not be read from PREFLIGHT_SECRETS_DIR");
                }
            }
        }
        throw new SourceFailure(
                "secret " + name + " is not set (PREFLIGHT_SECRET_" + name + " or a file in PREFLIGHT_SECRETS_DIR)");
    }

    /** Whether the secret is set, without reading it into anything kept. */
    public boolean isSet(String name) {
        try {
            value(name);
            return true;
        } catch (SourceFailure missing) {
            return false;
        }
    }
}
