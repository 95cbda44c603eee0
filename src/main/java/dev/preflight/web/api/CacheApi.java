package dev.preflight.web.api;

import dev.preflight.cache.CacheFigures;
import dev.preflight.cache.CachePolicies;
import dev.preflight.cache.CachePolicy;
import dev.preflight.cache.CacheType;
import dev.preflight.cache.SharedCache;
import dev.preflight.web.CacheTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The servers' cache over JSON: each type's lifetime and store switch, changed at run time on every node, and its figures. */
@RestController
@RequestMapping(path = "/api/v1/cache", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cache", description = "Lifetimes of upstream reference data kept by the servers")
class CacheApi {

    private final CachePolicies policies;
    private final SharedCache cache;
    private final CacheTypes types;

    CacheApi(CachePolicies policies, SharedCache cache, CacheTypes types) {
        this.policies = policies;
        this.cache = cache;
        this.types = types;
    }

    /** What a client sends: a lifetime (ISO-8601, e.g. PT10M), a store switch, or both. */
    record PolicyChange(@Nullable String ttl, @Nullable Boolean store) {}

    /**
     * One type: its policy, then this node's figures since it started.
     *
     * @param meanLoadMs mean time of an upstream read
     */
    record TypeView(
            String type,
            Duration ttl,
            boolean store,
            boolean personal,
            @Nullable String changedBy,
            @Nullable Instant changedAt,
            long hits,
            long misses,
            long shared,
            long stale,
            long errors,
            long meanLoadMs,
            long entries,
            long bytes) {

        static TypeView of(CacheFigures f) {
            CachePolicy p = f.policy();
            return new TypeView(
                    p.type().name(),
                    p.ttl(),
                    p.store(),
                    p.type().personal(),
                    p.changedBy(),
                    p.changedAt(),
                    f.hits(),
                    f.misses(),
                    f.shared(),
                    f.stale(),
                    f.errors(),
                    f.meanLoad().toMillis(),
                    f.entries(),
                    f.bytes());
        }
    }

    @GetMapping
    @Operation(summary = "Every cache type: lifetime, store switch, and this node's hits, misses, load time and size")
    List<TypeView> list() {
        return cache.figures(types.sources()).stream().map(TypeView::of).toList();
    }

    @PutMapping(path = "/{type}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a type's lifetime and/or store switch; every node applies it within seconds")
    TypeView change(
            @PathVariable String type, @RequestBody PolicyChange body, Principal principal, HttpServletRequest http) {
        CacheType cacheType = new CacheType(type);
        dev.preflight.security.Audit.target(http, cacheType.name());
        if (body.ttl() == null && body.store() == null) {
            throw new IllegalArgumentException(
                    "ttl or store: give at least one, e.g. {\"ttl\": \"PT10M\", \"store\": true}");
        }
        policies.change(
                cacheType,
                body.ttl() == null ? null : CachePolicy.parseTtl(body.ttl()),
                body.store(),
                principal.getName());
        return cache.figures(List.of(cacheType)).stream()
                .filter(f -> f.policy().type().equals(cacheType))
                .map(TypeView::of)
                .findFirst()
                .orElseThrow();
    }

    @DeleteMapping("/{type}/entries")
    @Operation(summary = "Drop a type's entries on every node: the next read asks the upstream")
    ResponseEntity<Void> clear(@PathVariable String type, HttpServletRequest http) {
        CacheType cacheType = new CacheType(type);
        dev.preflight.security.Audit.target(http, cacheType.name());
        policies.clear(cacheType);
        return ResponseEntity.noContent().build();
    }
}
