package dev.preflight.web;

import dev.preflight.cache.CacheType;
import dev.preflight.custom.CustomChecks;
import dev.preflight.custom.SourceDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** The cache types beyond the built-in ones: one per custom source in force (the jira source reads with the check). */
@Component
public class CacheTypes {

    private final CustomChecks checks;

    CacheTypes(CustomChecks checks) {
        this.checks = checks;
    }

    public List<CacheType> sources() {
        try {
            return checks.current().sources().stream()
                    .filter(source -> source.kind() != SourceDefinition.Kind.JIRA)
                    .map(source -> CacheType.source(source.name()))
                    .toList();
        } catch (RuntimeException unreadable) {
            return List.of(); // stored definitions that no longer read: the Checks tab says so
        }
    }
}
