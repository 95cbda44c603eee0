package dev.preflight.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.history.Databases;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Two nodes on one PostgreSQL: a lifetime changed or a type cleared on one is applied by the other within seconds. */
class CachePoliciesPostgresIntegrationTest {

    private static String url;

    @BeforeAll
    static void database() {
        url = Databases.createPostgres();
        CacheDatabase.migrated(new DriverManagerDataSource(url, "postgres", ""));
    }

    @AfterAll
    static void drop() {
        Databases.dropPostgres(url);
    }

    @Test
    void aLifetimeChangedOnOneNodeIsAppliedByTheOtherWithinSecondsEvenAfterItsConnectionIsCut() throws Exception {
        Node first = new Node();
        Node second = new Node();
        try {
            AtomicInteger upstream = new AtomicInteger();
            second.cache.get(CacheType.JIRA_VERSIONS, "ET", upstream::incrementAndGet);
            assertThat(second.policies.policy(CacheType.JIRA_VERSIONS).ttl()).isEqualTo(Duration.ofMinutes(10));

            long started = System.nanoTime();
            first.policies.change(CacheType.JIRA_VERSIONS, Duration.ofSeconds(30), null, "admin");
            within5s(() -> second.policies.policy(CacheType.JIRA_VERSIONS).ttl().equals(Duration.ofSeconds(30)));
            System.out.printf(
                    "lifetime change seen by the second node after %d ms%n", (System.nanoTime() - started) / 1_000_000);

            first.policies.clear(CacheType.JIRA_VERSIONS);
            within5s(() -> second.entries(CacheType.JIRA_VERSIONS) == 0);

            // the second node's listening connection is cut: what is announced meanwhile is caught up on reconnect
            try (var admin = java.sql.DriverManager.getConnection(url, "postgres", "")) {
                admin.createStatement()
                        .execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                + " WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
            }
            first.policies.change(CacheType.PACKAGING_RELEASES, Duration.ofMinutes(2), false, "admin");
            within5s(() -> !second.policies.policy(CacheType.PACKAGING_RELEASES).store());
            assertThat(second.policies.policy(CacheType.PACKAGING_RELEASES).ttl())
                    .isEqualTo(Duration.ofMinutes(2));
        } finally {
            first.stop();
            second.stop();
        }
    }

    private static void within5s(java.util.function.BooleanSupplier applied) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!applied.getAsBoolean()) {
            assertThat(System.nanoTime()).as("applied within 5 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** One server's cache and its listener, on the shared database. */
    private static final class Node {
        final CachePolicies policies;
        final SharedCache cache;
        final PolicyListener listener;

        Node() {
            var dataSource = new DriverManagerDataSource(url, "postgres", "");
            Clock clock = Clock.systemUTC();
            policies = CacheDatabase.policies(dataSource, CacheDatabase.properties(Map.of()), clock);
            cache = CacheDatabase.cache(policies, clock);
            listener = new PolicyListener(policies, url, "postgres", "");
            listener.start();
        }

        long entries(CacheType type) {
            return cache.figures(java.util.List.of()).stream()
                    .filter(f -> f.policy().type().equals(type))
                    .mapToLong(CacheFigures::entries)
                    .sum();
        }

        void stop() {
            listener.stop();
        }
    }
}
