package dev.preflight.custom.jdbc;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Throw-away databases on the machine's servers: PostgreSQL at 127.0.0.1:5432 (postgres, trust)
 * and MariaDB at 127.0.0.1:3306 (root, no password). A server that does not answer fails the test
 * in CI and skips it elsewhere.
 */
public final class TestDatabases {

    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    private TestDatabases() {}

    public static String randomName() {
        return "preflight_jdbc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Creates the database on the server and returns its name. */
    public static String create(String server, String user, String name) {
        try (Connection admin = DriverManager.getConnection(server + adminDatabase(server), user, "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = server + " is not reachable (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message + ": skipped outside CI");
        }
        return name;
    }

    public static void drop(String server, String user, String name) {
        String sql = server.startsWith("jdbc:postgresql")
                ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name;
        try (Connection admin = DriverManager.getConnection(server + adminDatabase(server), user, "");
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException ignored) {
            // a leftover test database is harmless
        }
    }

    private static String adminDatabase(String server) {
        return server.startsWith("jdbc:postgresql") ? "postgres" : "";
    }
}
