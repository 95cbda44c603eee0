package dev.preflight.continuity;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Whether this node can write: read-only from the moment no primary answers until one does
 * again. Pages say so in a banner, writes get 503 with Retry-After, and jobs that write (schedules
 * first) wait instead of running blind.
 */
@Component
public class DatabaseMode {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMode.class);

    /** Writes work again after a time without a primary; what waited may go on. */
    public record WritesReturned(Instant readOnlySince, Instant at) {}

    private final AtomicReference<Instant> readOnlySince = new AtomicReference<>();
    private final AtomicReference<Instant> writesBackAt = new AtomicReference<>();
    private final ApplicationEventPublisher events;

    DatabaseMode(ApplicationEventPublisher events) {
        this.events = events;
    }

    public boolean readOnly() {
        return readOnlySince.get() != null;
    }

    /**
     * Whether writes have worked for at least this long: heartbeats could not be written while
     * read-only, so a run whose last beat is old may be alive and well until its next beat lands.
     */
    public boolean writableFor(java.time.Duration duration, Instant now) {
        Instant back = writesBackAt.get();
        return !readOnly() && (back == null || !now.isBefore(back.plus(duration)));
    }

    /** Since when no primary has answered, if none answers now. */
    public Optional<Instant> readOnlySince() {
        return Optional.ofNullable(readOnlySince.get());
    }

    /** No primary answers (a connection lost mid-request says so before the probe does). */
    public void noPrimary(Instant at) {
        if (readOnlySince.compareAndSet(null, at)) {
            log.error("the database has no primary: read-only from now on, reading from a replica");
        }
    }

    void primaryBack(Instant at) {
        Instant since = readOnlySince.getAndSet(null);
        if (since != null) {
            writesBackAt.set(at);
            log.warn("the database has a primary again: writes work again");
            events.publishEvent(new WritesReturned(since, at));
        }
    }
}
