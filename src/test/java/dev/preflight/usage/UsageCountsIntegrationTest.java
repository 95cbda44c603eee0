package dev.preflight.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.TestClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Daily roll-ups over the real tables (H2 in memory): visitors become numbers once their day is over. */
class UsageCountsIntegrationTest {

    @TempDir
    Path data;

    // Monday 7 December 2026, 23:30 in Paris
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T22:30:00Z"));
    private JdbcClient jdbc;
    private UsageCounts counts;

    @BeforeEach
    void setUp() {
        var h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:usage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(h2);
        counts = new UsageCounts(
                jdbc,
                new UsageProperties(Duration.ofDays(30), Duration.ofSeconds(30), null),
                data,
                ZoneId.of("Europe/Paris"),
                Optional.of(clock),
                Optional.empty());
    }

    private List<String> rollups() {
        return jdbc.sql("SELECT on_day || ' ' || metric || ' ' || dimension || ' ' || amount FROM usage_day"
                        + " ORDER BY on_day, metric, dimension")
                .query(String.class)
                .list();
    }

    @Test
    void aDaysVisitorsBecomeThreeNumbersAndTheirHashesGoOnceTheDayIsOver() throws Exception {
        counts.visit("local:alice", false);
        counts.visit("local:alice", false); // the same person, again
        counts.visit("local:bob", true);
        counts.visit("10.0.0.7 Mozilla/5.0", false);
        counts.add(UsageMetric.PAGE_VIEW, "board", 3);
        counts.flush();
        assertThat(counts.uniqueToday()).isEqualTo(3);
        String mondayHash = jdbc.sql("SELECT hash FROM usage_visitor ORDER BY hash")
                .query(String.class)
                .list()
                .getFirst();

        clock.advance(Duration.ofHours(1)); // Tuesday, 00:30 in Paris
        counts.visit("local:alice", false);
        counts.flush();

        assertThat(rollups())
                .containsExactly(
                        "2026-12-07 page_view board 3",
                        "2026-12-07 unique_visitors all 3",
                        "2026-12-07 unique_visitors desktop 2",
                        "2026-12-07 unique_visitors phone 1");
        assertThat(jdbc.sql("SELECT on_day || ' ' || hash FROM usage_visitor")
                        .query(String.class)
                        .list())
                .as("only today's hashes are kept, and Alice's is not Monday's")
                .singleElement()
                .satisfies(row -> assertThat(row).startsWith("2026-12-08 ").doesNotContain(mondayHash));
        // the salt steps forward: the file holds Tuesday's, Monday's cannot be had again
        assertThat(java.nio.file.Files.readString(data.resolve("keys").resolve("usage-salt-key")))
                .startsWith("2026-12-08 ");

        // a node given another key counts no visitor rather than everyone twice
        UsageCounts stranger = new UsageCounts(
                jdbc,
                new UsageProperties(Duration.ofDays(30), Duration.ofSeconds(30), data.resolve("elsewhere")),
                data,
                ZoneId.of("Europe/Paris"),
                Optional.of(Clock.fixed(clock.instant(), ZoneOffset.UTC)),
                Optional.empty());
        stranger.visit("local:carol", false);
        stranger.flush();
        assertThat(counts.uniqueToday()).isEqualTo(1);

        clock.advance(Duration.ofDays(40)); // past the retention
        counts.flush();
        assertThat(rollups()).allSatisfy(row -> assertThat(row).doesNotStartWith("2026-12-07"));
    }

    @Test
    void countsFromSeveralFlushesAddUp() {
        counts.add(UsageMetric.FEATURE, "export", 1);
        counts.flush();
        counts.add(UsageMetric.FEATURE, "export", 2);
        counts.flush();
        assertThat(rollups()).containsExactly("2026-12-07 feature export 3");
    }

    @Test
    void theMedianOfChecksIsTheMiddleOne() {
        assertThat(Statistics.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Statistics.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }
}
