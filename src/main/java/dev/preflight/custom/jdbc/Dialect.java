package dev.preflight.custom.jdbc;

import java.sql.Driver;
import java.util.Set;
import java.util.TreeSet;

/**
 * The databases a source may query, each with the URL properties it may carry. Properties are an
 * allowlist: drivers keep adding ones that load classes, read local files or weaken the session
 * (PostgreSQL {@code socketFactory}, {@code readOnlyMode}; MariaDB {@code allowLocalInfile}; SQL
 * Server {@code trustManagerClass}), so anything not known to be harmless is refused.
 */
enum Dialect {
    POSTGRESQL(
            "jdbc:postgresql",
            5432,
            Set.of(
                    "ssl",
                    "sslmode",
                    "ApplicationName",
                    "currentSchema",
                    "targetServerType",
                    "loadBalanceHosts",
                    "channelBinding",
                    "tcpKeepAlive",
                    "stringtype")),
    MARIADB(
            "jdbc:mariadb",
            3306,
            Set.of(
                    "sslMode",
                    "useSsl",
                    "useCompression",
                    "tcpKeepAlive",
                    "permitMysqlScheme",
                    "restrictedAuth",
                    "enabledSslProtocolSuites")),
    SQLSERVER(
            "jdbc:sqlserver",
            1433,
            Set.of(
                    "databaseName",
                    "database",
                    "encrypt",
                    "trustServerCertificate",
                    "hostNameInCertificate",
                    "applicationName",
                    "applicationIntent",
                    "instanceName",
                    "multiSubnetFailover")),
    // Oracle takes no URL properties at all: host, port and service only.
    ORACLE("jdbc:oracle:thin", 1521, Set.of());

    private final String scheme;
    private final int defaultPort;
    private final Set<String> harmlessProperties;

    Dialect(String scheme, int defaultPort, Set<String> harmlessProperties) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
        this.harmlessProperties = harmlessProperties;
    }

    String scheme() {
        return scheme;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** Case-insensitive: MariaDB and SQL Server match property names regardless of case. */
    boolean isHarmless(String property) {
        return harmlessProperties.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(property));
    }

    String harmlessProperties() {
        return harmlessProperties.isEmpty() ? "none" : String.join(", ", new TreeSet<>(harmlessProperties));
    }

    /**
     * This database's own driver, never whichever registered driver accepts the URL first: the
     * application's H2 must stay out of reach even if a URL slipped past the checks.
     */
    Driver driver() {
        return switch (this) {
            case POSTGRESQL -> new org.postgresql.Driver();
            case MARIADB -> new org.mariadb.jdbc.Driver();
            case SQLSERVER -> new com.microsoft.sqlserver.jdbc.SQLServerDriver();
            case ORACLE -> new oracle.jdbc.OracleDriver();
        };
    }
}
