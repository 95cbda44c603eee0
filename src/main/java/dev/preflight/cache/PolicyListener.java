package dev.preflight.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this server's policies in step with the others: on PostgreSQL it LISTENs on a connection
 * of its own (outside the pool, held for the server's life) and re-reads at each notification,
 * after each reconnect (notifications sent meanwhile are not replayed) and on a timer in case.
 * On H2 (one node) the timer alone.
 */
@Component
@ConditionalOnWebApplication
class PolicyListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PolicyListener.class);

    private final CachePolicies policies;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private volatile Thread thread;

    PolicyListener(
            CachePolicies policies,
            @Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username:}") String user,
            @Value("${spring.datasource.password:}") String password) {
        this.policies = policies;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public synchronized void start() {
        running = true;
        // a thread started before a stop may still be waiting: it sees it is no longer the one and ends
        // assigned before it runs: the loop checks it is still the current one from its first step
        Thread listening = Thread.ofPlatform().daemon().name("cache-policies").unstarted(this::loop);
        thread = listening;
        listening.start();
    }

    private boolean current() {
        return running && thread == Thread.currentThread();
    }

    @Override
    public void stop() {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        Duration recheck = policies.properties().recheck();
        while (current()) {
            try {
                if (policies.postgres()) {
                    listen(recheck);
                } else {
                    Thread.sleep(recheck);
                    policies.refresh();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                if (!current()) {
                    return;
                }
                log.warn("cache policies: {}; listening again in 1 s", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void listen(Duration recheck) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            try (var statement = connection.createStatement()) {
                statement.execute("LISTEN " + CachePolicies.CHANNEL);
            }
            policies.refresh(); // whatever was announced while this node was not listening
            PGConnection pg = connection.unwrap(PGConnection.class);
            while (current()) {
                pg.getNotifications((int) recheck.toMillis());
                // a half-open connection hears nothing and says nothing: a query finds out, and the
                // reconnect that follows catches up
                try (var statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                policies.refresh();
            }
        }
    }
}
