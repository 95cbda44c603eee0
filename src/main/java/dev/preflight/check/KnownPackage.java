package dev.preflight.check;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the packaging server knows of a package: its versions and the latest one. */
public record KnownPackage(
        String name, List<String> versions, @Nullable String latest) {
    public KnownPackage {
        versions = List.copyOf(versions);
    }
}
