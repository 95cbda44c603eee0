package dev.preflight.custom.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.custom.HostCheck;
import dev.preflight.custom.JdbcSpec;
import dev.preflight.custom.Secrets;
import dev.preflight.custom.SourceContext;
import dev.preflight.custom.SourceFailure;
import dev.preflight.custom.SourceLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a database source refuses before any database is involved, and how values become JSON. */
class JdbcSourceUnitTest {

    private static final SourceLimits LIMITS = SourceLimits.of(Map.of("max-rows", "10", "statement-timeout", "1s"));
    private static final SourceContext CONTEXT = new SourceContext("SHOP", "2.4", "shop-2.4", List.of("A-1"));
    private static final Secrets SECRETS = new Secrets(Map.of("PREFLIGHT_SECRET_DB", "hunter2-secret"), null);

    private final List<String> checkedHosts = new ArrayList<>();
    private final HostCheck recordingHosts = checkedHosts::add;

    private JdbcSource source(String url, HostCheck hosts) {
        return new JdbcSource(
                "migrations",
                new JdbcSpec(url, "preflight", "DB", "select 1"),
                SECRETS,
                hosts,
                LIMITS,
                Clock.systemUTC());
    }

    @Test
    void anH2UrlIsRefusedWithoutOpeningAnything(@TempDir Path directory) throws IOException {
        String url =
                "jdbc:h2:file:" + directory.resolve("db") + ";INIT=RUNSCRIPT FROM '" + directory.resolve("x.sql") + "'";
        Files.writeString(directory.resolve("x.sql"), "CREATE TABLE opened (x INT);");

        assertThatThrownBy(() -> source(url, recordingHosts).fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("source migrations: database URL scheme jdbc:h2 is not allowed"
                        + " (jdbc:postgresql, jdbc:mariadb, jdbc:mysql, jdbc:sqlserver or jdbc:oracle:thin)");
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("x.sql");
        }
        assertThat(checkedHosts).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:h2:mem:x",
                "jdbc:h2:tcp://127.0.0.1:9092/~/x;INIT=RUNSCRIPT FROM 'http://127.0.0.1:1/x.sql'",
                "jdbc:derby://127.0.0.1:1527/x",
                "jdbc:oracle:oci:@ora"
            })
    void otherDriversAreRefusedBeforeTheHostRules(String url) {
        assertThatThrownBy(() -> source(url, recordingHosts).fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessageContaining("is not allowed")
                .hasMessageNotContaining("INIT")
                .hasMessageNotContaining("hunter2");
        assertThat(checkedHosts).isEmpty();
    }

    @Test
    void aRefusedHostStopsBeforeConnecting() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            HostCheck refusing = host -> {
                throw new SourceFailure("host " + host + " is not allowed by preflight.sources.allowed-hosts");
            };

            for (String url : List.of(
                    "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/deploy",
                    "jdbc:mysql://127.0.0.1:" + server.getLocalPort() + "/deploy")) {
                assertThatThrownBy(() -> source(url, refusing).fetch(CONTEXT))
                        .isInstanceOf(SourceFailure.class)
                        .hasMessage(
                                "source migrations: host 127.0.0.1 is not allowed by preflight.sources.allowed-hosts");
            }
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void everyHostOfAUrlIsChecked() throws SourceFailure {
        source("jdbc:postgresql://db1.example.com,[2001:db8::1]:5433/deploy", recordingHosts)
                .verify();

        assertThat(checkedHosts).containsExactly("db1.example.com", "2001:db8::1");
    }

    @Test
    void verifyChecksTheQueryWithoutTheSecret() {
        JdbcSource source = new JdbcSource(
                "migrations",
                new JdbcSpec("jdbc:postgresql://db.example.com/deploy", "preflight", "MISSING", "select :projet"),
                new Secrets(Map.of(), null),
                recordingHosts,
                LIMITS,
                Clock.systemUTC());

        assertThatThrownBy(source::verify)
                .hasMessage("source migrations: the query has an unknown parameter :projet"
                        + " (known: :project, :release, :packagingRelease, :tickets)");
    }

    @Test
    void aClosedPortCannotBeConnectedTo() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        for (String url : List.of(
                "jdbc:postgresql://127.0.0.1:" + port + "/deploy", "jdbc:mariadb://127.0.0.1:" + port + "/deploy")) {
            assertThatThrownBy(() -> source(url, recordingHosts).fetch(CONTEXT))
                    .isInstanceOf(SourceFailure.class)
                    .hasMessage("source migrations: cannot connect to 127.0.0.1:" + port + " (connection refused)");
        }
    }

    @Test
    void valuesBecomeJsonFriendly() throws SQLException {
        assertThat(ResultRows.plain(3)).isEqualTo(3L);
        assertThat(ResultRows.plain((short) 3)).isEqualTo(3L);
        assertThat(ResultRows.plain(new BigInteger("18446744073709551615")))
                .isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(ResultRows.plain(BigInteger.TEN)).isEqualTo(10L);
        assertThat(ResultRows.plain(new BigDecimal("1E+3"))).isEqualTo(1000L);
        assertThat(ResultRows.plain(new BigDecimal("2.50"))).isEqualTo(new BigDecimal("2.50"));
        assertThat(ResultRows.plain(1.1f)).isEqualTo(1.1);
        assertThat(ResultRows.plain(Double.NaN)).isEqualTo("NaN");
        assertThat(ResultRows.plain(Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5))))
                .isEqualTo("2024-01-02T03:04:05");
        assertThat(ResultRows.plain(OffsetDateTime.parse("2024-01-02T03:04:05+02:00")))
                .isEqualTo("2024-01-02T01:04:05Z");
        assertThat(ResultRows.plain(new int[] {1, 2})).isEqualTo(List.of(1L, 2L));
        assertThat(ResultRows.plain(new Object[] {"a", null})).isEqualTo(Arrays.asList("a", null));
        assertThat(ResultRows.plain(new byte[] {1, 2})).isEqualTo("AQI=");
        assertThat(ResultRows.plain(new StringBuilder("other"))).isEqualTo("other");
    }
}
