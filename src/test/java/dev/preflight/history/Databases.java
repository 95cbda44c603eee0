package dev.preflight.history;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh PostgreSQL database per test class on the machine's server (127.0.0.1:5432). */
public final class Databases {

    static final String SERVER = System.getenv().getOrDefault("PREFLIGHT_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");

    private Databases() {}

    public static String createPostgres() {
        String name = "preflight_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + SERVER + " is not reachable (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message + ": skipped outside CI");
        }
        return SERVER + name;
    }

    public static void dropPostgres(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // a leftover test database is harmless
        }
    }
}
