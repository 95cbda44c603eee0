package dev.preflight.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servers' cache over its real tables (H2 in memory): lifetimes, coalescing, stale-if-error, personal data. */
class SharedCacheIntegrationTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T09:00:00Z"));
    private DataSource database;
    private CachePolicies policies;
    private SharedCache cache;

    @BeforeEach
    void setUp() {
        database = CacheDatabase.h2();
        policies = CacheDatabase.policies(
                database, CacheDatabase.properties(Map.of("jira.versions", Duration.ofSeconds(10))), clock);
        cache = CacheDatabase.cache(policies, clock);
    }

    @Test
    void twoHundredCallersAtOnceCostOneUpstreamCall() throws Exception {
        AtomicInteger upstream = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Cached<String>>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                answers.add(callers.submit(() -> cache.get(CacheType.JIRA_VERSIONS, "ET", () -> {
                    upstream.incrementAndGet();
                    await(release); // the upstream is slow: everyone else arrives meanwhile
                    return "versions";
                })));
            }
            Thread.sleep(300);
            release.countDown();
            for (Future<Cached<String>> answer : answers) {
                assertThat(answer.get().value()).isEqualTo("versions");
            }
        }
        assertThat(upstream).hasValue(1);
        CacheFigures figures = figures(CacheType.JIRA_VERSIONS);
        assertThat(figures.misses() + figures.shared() + figures.hits()).isEqualTo(200);
        assertThat(figures.misses()).isEqualTo(1);
        assertThat(figures.entries()).isEqualTo(1);
        assertThat(figures.bytes()).isEqualTo("\"versions\"".length());
    }

    @Test
    void aValueIsKeptForItsLifetimeThenAskedAgain() {
        AtomicInteger upstream = new AtomicInteger();
        assertThat(cache.get(CacheType.JIRA_VERSIONS, "ET", upstream::incrementAndGet)
                        .origin())
                .isEqualTo(Cached.Origin.UPSTREAM);
        clock.advance(Duration.ofSeconds(9));
        Cached<Integer> kept = cache.get(CacheType.JIRA_VERSIONS, "ET", upstream::incrementAndGet);
        assertThat(kept.origin()).isEqualTo(Cached.Origin.CACHE);
        assertThat(kept.notice(clock.instant())).isEqualTo("from cache, 9 s old");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(CacheType.JIRA_VERSIONS, "ET", upstream::incrementAndGet)
                        .value())
                .isEqualTo(2);
        assertThat(cache.get(CacheType.JIRA_VERSIONS, "ES", upstream::incrementAndGet)
                        .value())
                .as("another key")
                .isEqualTo(3);
    }

    @Test
    void aFailedUpstreamIsStoodInForByTheLastValueSayingSoUpToTheStaleLimit() {
        cache.get(CacheType.JIRA_VERSIONS, "ET", () -> "H3-2026.7");
        clock.advance(Duration.ofMinutes(4));
        Cached<String> stale = cache.get(CacheType.JIRA_VERSIONS, "ET", () -> {
            throw new IllegalStateException("Jira unreachable");
        });
        assertThat(stale.value()).isEqualTo("H3-2026.7");
        assertThat(stale.origin()).isEqualTo(Cached.Origin.STALE);
        assertThat(stale.notice(clock.instant())).isEqualTo("from cache, 4 min old: Jira unreachable");
        clock.advance(Duration.ofMinutes(57)); // past the hour a stale value may stand in
        assertThatThrownBy(() -> cache.get(CacheType.JIRA_VERSIONS, "ET", () -> {
                    throw new IllegalStateException("Jira unreachable");
                }))
                .hasMessage("Jira unreachable");
        assertThat(figures(CacheType.JIRA_VERSIONS).stale()).isEqualTo(1);
        assertThat(figures(CacheType.JIRA_VERSIONS).errors()).isEqualTo(2);
    }

    @Test
    void personalDataIsNotStoredUnlessTheOrganisationSwitchesItOn() {
        AtomicInteger upstream = new AtomicInteger();
        for (CacheType personal : List.of(CacheType.DIRECTORY_PEOPLE, CacheType.ABSENCES)) {
            assertThat(policies.policy(personal).store()).isFalse();
            cache.get(personal, "mail ada@example.com", upstream::incrementAndGet);
            cache.get(personal, "mail ada@example.com", upstream::incrementAndGet);
            assertThat(figures(personal).entries()).isZero();
        }
        assertThat(upstream).hasValue(4);

        policies.change(CacheType.DIRECTORY_PEOPLE, null, true, "admin");
        cache.get(CacheType.DIRECTORY_PEOPLE, "mail ada@example.com", upstream::incrementAndGet);
        assertThat(cache.get(CacheType.DIRECTORY_PEOPLE, "mail ada@example.com", upstream::incrementAndGet)
                        .origin())
                .isEqualTo(Cached.Origin.CACHE);
        assertThat(figures(CacheType.DIRECTORY_PEOPLE).entries()).isEqualTo(1);

        policies.change(CacheType.DIRECTORY_PEOPLE, null, false, "admin");
        assertThat(figures(CacheType.DIRECTORY_PEOPLE).entries())
                .as("switched off: what was kept goes")
                .isZero();
    }

    @Test
    void aShorterLifetimeAppliesToWhatIsAlreadyKeptAndClearingEmptiesTheType() {
        AtomicInteger upstream = new AtomicInteger();
        cache.get(CacheType.PACKAGING_PACKAGES, "curl", upstream::incrementAndGet);
        clock.advance(Duration.ofMinutes(30));
        assertThat(cache.get(CacheType.PACKAGING_PACKAGES, "curl", upstream::incrementAndGet)
                        .fromCache())
                .isTrue();
        CachePolicy changed = policies.change(CacheType.PACKAGING_PACKAGES, Duration.ofMinutes(10), null, "admin");
        assertThat(changed.changedBy()).isEqualTo("admin");
        assertThat(changed.store()).isTrue();
        assertThat(cache.get(CacheType.PACKAGING_PACKAGES, "curl", upstream::incrementAndGet)
                        .origin())
                .isEqualTo(Cached.Origin.UPSTREAM);

        policies.clear(CacheType.PACKAGING_PACKAGES);
        assertThat(figures(CacheType.PACKAGING_PACKAGES).entries()).isZero();
        assertThat(CacheDatabase.policies(database, CacheDatabase.properties(Map.of()), clock)
                        .policy(CacheType.PACKAGING_PACKAGES)
                        .ttl())
                .as("stored: a restarted node reads it back")
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aClearOrTheStoreSwitchTurnedOffWhileAReadRunsIsNotUndoneByItsEnd() throws Exception {
        for (Runnable during : List.<Runnable>of(
                () -> policies.clear(CacheType.JIRA_VERSIONS),
                () -> policies.change(CacheType.JIRA_VERSIONS, null, false, "admin"))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try (ExecutorService side = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Cached<String>> read = side.submit(() -> cache.get(CacheType.JIRA_VERSIONS, "ET", () -> {
                    started.countDown();
                    await(release);
                    return "before the change";
                }));
                started.await();
                during.run();
                release.countDown();
                assertThat(read.get().value()).isEqualTo("before the change");
            }
            assertThat(figures(CacheType.JIRA_VERSIONS).entries()).isZero();
            policies.change(CacheType.JIRA_VERSIONS, null, true, "admin");
        }
    }

    @org.junit.jupiter.api.RepeatedTest(10) // a race: the waiting caller wakes as the cut read ends
    void callersSharingAReadCutShortByItsOwnCallerReadAgainThemselves() throws Exception {
        AtomicInteger upstream = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        try (ExecutorService side = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> leader = side.submit(() -> cache.get(CacheType.JIRA_VERSIONS, "ET", () -> {
                upstream.incrementAndGet();
                started.countDown();
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Jira: interrupted");
                }
                return "never";
            }));
            started.await();
            Future<Cached<String>> follower = side.submit(() -> cache.get(CacheType.JIRA_VERSIONS, "ET", () -> {
                upstream.incrementAndGet();
                return "read again";
            }));
            Thread.sleep(200); // the follower waits on the leader's read
            leader.cancel(true); // its check is cancelled
            assertThat(follower.get().value()).isEqualTo("read again");
        }
        assertThat(upstream).hasValue(2);
    }

    @Test
    void aLongLivedValueStandsInForItsStaleWindowPastItsLifetime() {
        policies.change(CacheType.PACKAGING_PACKAGES, Duration.ofDays(1), null, "admin");
        cache.get(CacheType.PACKAGING_PACKAGES, "curl", () -> "8.5");
        clock.advance(Duration.ofDays(1).plusMinutes(30));
        Cached<String> stale = cache.get(CacheType.PACKAGING_PACKAGES, "curl", () -> {
            throw new IllegalStateException("packaging server unreachable");
        });
        assertThat(stale.origin()).isEqualTo(Cached.Origin.STALE);
    }

    @Test
    void lifetimesAreReadAsPeopleTypeThemAndBadOnesAreRefusedByName() {
        assertThat(CachePolicy.parseTtl("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(CachePolicy.parseTtl("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(CachePolicy.parseTtl("1d")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> CachePolicy.parseTtl("ten minutes"))
                .hasMessage("ttl: 'ten minutes' is not a lifetime (examples: PT10M, 10m, 1h, 1d)");
        assertThatThrownBy(() -> CachePolicy.parseTtl("30d")).hasMessageStartingWith("ttl: must be between PT0S");
        assertThatThrownBy(() -> new CacheType("jira.tickets"))
                .hasMessageStartingWith("cache type: 'jira.tickets' is not one of jira.versions");
        assertThat(CacheType.source("build-status").name()).isEqualTo("source.build-status");
    }

    private CacheFigures figures(CacheType type) {
        return cache.figures(List.of(type)).stream()
                .filter(f -> f.policy().type().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
