package dev.preflight.usage;

import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Counts in memory, written every {@code flush} as daily roll-ups (days in the team's zone). A
 * visitor is kept only as the day's keyed hash; the day after, the hashes become three numbers
 * (all, phone, desktop) and are deleted. Roll-ups older than the retention are deleted.
 */
@Service
public class UsageCounts {

    private static final Logger log = LoggerFactory.getLogger(UsageCounts.class);

    /** One counter of the roll-ups. */
    record Key(LocalDate day, UsageMetric metric, String dimension) {}

    /** A visitor seen on a day, as its hash. */
    record Visit(LocalDate day, String hash, String device) {}

    private final JdbcClient jdbc;
    private final UsageProperties properties;
    private final Clock clock;
    private final ZoneId zone;
    private final DailySalt salt;
    private final Map<Key, Long> counts = new ConcurrentHashMap<>();
    private final Set<Visit> visits = ConcurrentHashMap.newKeySet();
    private final Map<LocalDate, Boolean> saltChecked = new ConcurrentHashMap<>();
    private final Optional<io.micrometer.core.instrument.MeterRegistry> meters;
    private final Map<String, Seen> upstreamSeen = new ConcurrentHashMap<>();

    /** An upstream timer as last read: what it adds since is the next day's share. */
    private record Seen(long count, double millis) {}

    UsageCounts(
            JdbcClient jdbc,
            UsageProperties properties,
            @Value("${preflight.data-dir}") Path dataDir,
            @Value("${preflight.zone:Europe/Paris}") ZoneId zone,
            Optional<Clock> clock,
            Optional<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
        this.zone = zone;
        this.salt = new DailySalt(
                properties.keyFile() != null
                        ? properties.keyFile()
                        : dataDir.resolve("keys").resolve("usage-salt-key"),
                this::today);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    void add(UsageMetric metric, String dimension, long amount) {
        // added under the map's lock, as flush removes under it: no increment lands in a removed counter
        counts.merge(new Key(today(), metric, cut(dimension)), amount, Long::sum);
    }

    /** A visitor (a member's id, or an address and browser) seen today, on a phone or a desktop. */
    void visit(String visitor, boolean phone) {
        LocalDate day = today();
        if (!sameSaltAsOthers(day)) {
            return;
        }
        String hash = salt.hash(day, visitor);
        if (hash != null) {
            visits.add(new Visit(day, hash, phone ? "phone" : "desktop"));
        }
    }

    /**
     * Whether this node's salt is the one the others count with today, by its fingerprint: a node
     * with a salt of its own would count everyone it sees once more. Checked once a day.
     */
    private boolean sameSaltAsOthers(LocalDate day) {
        Boolean known = saltChecked.get(day);
        if (known != null) {
            return known;
        }
        String mine = salt.fingerprint(day);
        boolean same;
        try {
            try {
                jdbc.sql("INSERT INTO usage_key (on_day, fingerprint) VALUES (:day, :fingerprint)")
                        .param("day", Date.valueOf(day))
                        .param("fingerprint", mine)
                        .update();
            } catch (DuplicateKeyException another) {
                // another node came first today: compared below
            }
            same = mine != null
                    && mine.equals(jdbc.sql("SELECT fingerprint FROM usage_key WHERE on_day = :day")
                            .param("day", Date.valueOf(day))
                            .query(String.class)
                            .single());
        } catch (RuntimeException e) {
            return false; // not known yet: visitors are not counted rather than counted twice
        }
        if (!same) {
            log.error("this node's usage salt key is not the other nodes': its visitors are not counted;"
                    + " give every node the same key file");
        }
        saltChecked.clear();
        saltChecked.put(day, same);
        return same;
    }

    /** Writes what was counted; counts a day's visitors once it is over; applies the retention. */
    public synchronized void flush() {
        meters.ifPresent(this::upstream);
        for (Key key : List.copyOf(counts.keySet())) {
            Long amount = counts.remove(key);
            if (amount == null || amount == 0) {
                continue;
            }
            try {
                increase(key, amount);
            } catch (RuntimeException e) {
                // kept for the next flush rather than lost
                counts.merge(key, amount, Long::sum);
                log.warn("usage figures not written, tried again later: {}", e.getMessage());
                return;
            }
        }
        for (Visit visit : List.copyOf(visits)) {
            visits.remove(visit);
            try {
                jdbc.sql("INSERT INTO usage_visitor (on_day, hash, device) VALUES (:day, :hash, :device)")
                        .param("day", Date.valueOf(visit.day()))
                        .param("hash", visit.hash())
                        .param("device", visit.device())
                        .update();
            } catch (DuplicateKeyException seen) {
                // already counted that day, by this node or another
            } catch (RuntimeException e) {
                visits.add(visit); // written next time
                log.warn("usage visitors not written, tried again later: {}", e.getMessage());
                return;
            }
        }
        closeDays();
        jdbc.sql("DELETE FROM usage_day WHERE on_day < :oldest")
                .param(
                        "oldest",
                        Date.valueOf(today().minusDays(properties.retention().toDays())))
                .update();
    }

    /** What was counted is written as the node stops: a deploy loses nothing. */
    @jakarta.annotation.PreDestroy
    void stop() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("usage figures of this node's last seconds not written: {}", e.getMessage());
        }
    }

    /**
     * What upstream requests cost since the last flush, from the {@code preflight.upstream.requests}
     * timers, so the Statistics tab can show latency and errors per service and day.
     */
    private void upstream(io.micrometer.core.instrument.MeterRegistry registry) {
        for (io.micrometer.core.instrument.Timer timer :
                registry.find("preflight.upstream.requests").timers()) {
            String service = String.valueOf(timer.getId().getTag("service"));
            String outcome = String.valueOf(timer.getId().getTag("outcome"));
            Seen now = new Seen(timer.count(), timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
            Seen before = upstreamSeen.getOrDefault(timer.getId().toString(), new Seen(0, 0));
            upstreamSeen.put(timer.getId().toString(), now);
            long calls = now.count() - before.count();
            if (calls <= 0) {
                continue;
            }
            add(UsageMetric.UPSTREAM_CALLS, service, calls);
            add(UsageMetric.UPSTREAM_MILLIS, service, Math.round(now.millis() - before.millis()));
            if (!outcome.equals("success")) {
                add(UsageMetric.UPSTREAM_ERRORS, service, calls);
            }
        }
    }

    private void increase(Key key, long amount) {
        int updated = jdbc.sql("UPDATE usage_day SET amount = amount + :amount"
                        + " WHERE on_day = :day AND metric = :metric AND dimension = :dimension")
                .param("amount", amount)
                .param("day", Date.valueOf(key.day()))
                .param("metric", key.metric().key)
                .param("dimension", key.dimension())
                .update();
        if (updated == 0) {
            try {
                insert(key, amount);
            } catch (DuplicateKeyException raced) {
                increase(key, amount); // another node inserted it a moment before
            }
        }
    }

    private void insert(Key key, long amount) {
        jdbc.sql(
                        "INSERT INTO usage_day (on_day, metric, dimension, amount) VALUES (:day, :metric, :dimension, :amount)")
                .param("day", Date.valueOf(key.day()))
                .param("metric", key.metric().key)
                .param("dimension", key.dimension())
                .param("amount", amount)
                .update();
    }

    /** Days before today: their visitors become numbers, and their hashes go. */
    private void closeDays() {
        // yesterday closes once every node has flushed what it saw before midnight
        LocalDate today = today();
        boolean settled = clock.instant()
                .isAfter(today.atStartOfDay(zone)
                        .toInstant()
                        .plus(properties.flush().multipliedBy(2)));
        List<LocalDate> days = jdbc.sql("SELECT DISTINCT on_day FROM usage_visitor WHERE on_day < :before")
                .param("before", Date.valueOf(settled ? today : today.minusDays(1)))
                .query((rs, n) -> rs.getDate(1).toLocalDate())
                .list();
        for (LocalDate day : days) {
            Map<String, Long> byDevice = new java.util.HashMap<>();
            jdbc.sql("SELECT device, COUNT(*) FROM usage_visitor WHERE on_day = :day GROUP BY device")
                    .param("day", Date.valueOf(day))
                    .query(rs -> {
                        byDevice.put(rs.getString(1), rs.getLong(2));
                    });
            byDevice.put(
                    "all", byDevice.values().stream().mapToLong(Long::longValue).sum());
            byDevice.forEach((device, amount) -> {
                try {
                    insert(new Key(day, UsageMetric.UNIQUE_VISITORS, device), amount);
                } catch (DuplicateKeyException closedElsewhere) {
                    // another node closed the day: the same numbers
                }
            });
            jdbc.sql("DELETE FROM usage_visitor WHERE on_day = :day")
                    .param("day", Date.valueOf(day))
                    .update();
            jdbc.sql("DELETE FROM usage_key WHERE on_day <= :day")
                    .param("day", Date.valueOf(day))
                    .update();
        }
    }

    /** Today's daily unique visitors so far, all devices, from the hashes written. */
    long uniqueToday() {
        return jdbc.sql("SELECT COUNT(*) FROM usage_visitor WHERE on_day = :day")
                .param("day", Date.valueOf(today()))
                .query(Long.class)
                .single();
    }

    /** The roll-ups of a metric from that day on, by day then dimension. */
    List<Row> since(UsageMetric metric, LocalDate from) {
        return jdbc.sql("SELECT on_day, dimension, amount FROM usage_day WHERE metric = :metric AND on_day >= :from"
                        + " ORDER BY on_day, dimension")
                .param("metric", metric.key)
                .param("from", Date.valueOf(from))
                .query((rs, n) -> new Row(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3)))
                .list();
    }

    record Row(LocalDate day, String dimension, long amount) {}

    private static String cut(String dimension) {
        String clean = dimension.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }
}
