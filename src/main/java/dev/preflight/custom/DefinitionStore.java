package dev.preflight.custom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the definitions' versions live: the database, or memory for a one-off run. */
interface DefinitionStore {

    Optional<DefinitionVersion> latest();

    Optional<DefinitionVersion> find(int version);

    /** Newest first. */
    List<DefinitionVersion> all();

    DefinitionVersion append(String document, String changedBy, Instant at, String change);

    /** Versions kept in memory, for tests and benchmarks that need no database. */
    final class InMemory implements DefinitionStore {
        private final List<DefinitionVersion> versions = new ArrayList<>();

        @Override
        public synchronized Optional<DefinitionVersion> latest() {
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
        }

        @Override
        public synchronized Optional<DefinitionVersion> find(int version) {
            return versions.stream().filter(v -> v.version() == version).findFirst();
        }

        @Override
        public synchronized List<DefinitionVersion> all() {
            return versions.reversed();
        }

        @Override
        public synchronized DefinitionVersion append(String document, String changedBy, Instant at, String change) {
            DefinitionVersion version = new DefinitionVersion(versions.size() + 1, document, changedBy, at, change);
            versions.add(version);
            return version;
        }
    }
}
