package dev.preflight.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.history.Databases;
import dev.preflight.sandbox.BrowserSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/** The same on PostgreSQL, and two nodes racing over one outbox post each message once. */
class PushOutboxPostgresIntegrationTest extends PushOutboxIntegrationTest {

    private String url;

    @Override
    DataSource database() {
        url = Databases.createPostgres();
        return new DriverManagerDataSource(url, "postgres", "");
    }

    @AfterEach
    void drop() {
        Databases.dropPostgres(url);
    }

    @Test
    void twoNodesPostEachMessageOnce() throws Exception {
        List<BrowserSubscription> phones = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            phones.add(subscribe("person" + i + "@example.com"));
        }
        for (int m = 0; m < 10; m++) {
            outbox.queue(
                    List.of("person0@example.com", "person1@example.com", "person2@example.com"), findings("m" + m));
        }
        PushOutbox other = new PushOutbox(
                jdbc,
                devices,
                new VapidKeyring(properties, jdbc, data, "", Optional.empty()),
                properties,
                JsonMapper.builder().build(),
                Optional.of(clock),
                Optional.empty());
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Callable<Integer>> nodes = List.of(outbox::deliverDue, other::deliverDue);
            int posted = 0;
            for (var done : pool.invokeAll(nodes)) {
                posted += done.get();
            }
            assertThat(posted).isEqualTo(30);
        }
        for (BrowserSubscription phone : phones) {
            assertThat(receivedBy(phone)).hasSize(10);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM push_outbox WHERE status = 'SENT'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(30);
    }
}
