package dev.preflight.custom.jdbc;

import dev.preflight.custom.SourceFailure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A database URL a source may use: one of the allowed drivers, explicit hosts, harmless properties
 * only. Error messages name the scheme, a property name or a host, never the URL itself (it may
 * hold a user or a password).
 *
 * @param url what to hand the driver ({@code jdbc:mysql:} already rewritten to {@code jdbc:mariadb:})
 * @param endpoints every host the driver may connect to, for the host rules
 */
record JdbcUrl(Dialect dialect, String url, List<Endpoint> endpoints) {

    /** A host (without IPv6 brackets) and port the driver may connect to. */
    record Endpoint(String host, int port) {

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    JdbcUrl {
        endpoints = List.copyOf(endpoints);
    }

    private static final String HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])";
    private static final Pattern ENDPOINT = Pattern.compile("(" + HOST + ")(?::([0-9]{1,5}))?");
    private static final Pattern SQLSERVER_ENDPOINT =
            Pattern.compile("(" + HOST + ")(?:\\\\[A-Za-z0-9_$-]{1,128})?(?::([0-9]{1,5}))?");
    private static final Pattern ORACLE =
            Pattern.compile("jdbc:oracle:thin:@(?://)?(" + HOST + ")(?::([0-9]{1,5}))?/([A-Za-z0-9_.$-]{1,128})");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_.$-]{0,128}");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final Set<String> ALLOWED =
            Set.of("jdbc:postgresql", "jdbc:mariadb", "jdbc:mysql", "jdbc:sqlserver", "jdbc:oracle:thin");
    private static final Pattern SCHEME_PART = Pattern.compile("[A-Za-z0-9]{1,20}");

    /** The URL checked, or a one-line reason naming the scheme, a property or a host. */
    static JdbcUrl parse(String url) throws SourceFailure {
        String trimmed = url.strip();
        String scheme = scheme(trimmed);
        if (ALLOWED.contains(scheme) && !trimmed.startsWith(scheme + ":")) {
            // drivers match their prefix case-sensitively: say so rather than fail later
            throw new SourceFailure("database URL scheme " + scheme + " must be written in lower case");
        }
        return switch (scheme) {
            case "jdbc:postgresql" -> hostsAndQuery(Dialect.POSTGRESQL, trimmed, trimmed);
            case "jdbc:mariadb" -> hostsAndQuery(Dialect.MARIADB, trimmed, trimmed);
            // Rewritten rather than permitMysqlScheme: the MariaDB driver then serves it, and no
            // other driver (a MySQL Connector/J on the classpath) ever sees the URL.
            case "jdbc:mysql" ->
                hostsAndQuery(Dialect.MARIADB, trimmed, "jdbc:mariadb:" + trimmed.substring("jdbc:mysql:".length()));
            case "jdbc:sqlserver" -> sqlServer(trimmed);
            case "jdbc:oracle:thin" -> oracle(trimmed);
            default ->
                throw new SourceFailure(
                        "database URL scheme " + scheme
                                + " is not allowed (jdbc:postgresql, jdbc:mariadb, jdbc:mysql, jdbc:sqlserver or jdbc:oracle:thin)");
        };
    }

    /** {@code jdbc:h2}, {@code jdbc:oracle:oci}: enough to name it, never what follows. */
    private static String scheme(String url) throws SourceFailure {
        String[] parts = url.split(":", 4);
        if (parts.length < 3
                || !parts[0].equalsIgnoreCase("jdbc")
                || !SCHEME_PART.matcher(parts[1]).matches()) {
            throw new SourceFailure("database URL must start with jdbc:<driver>:");
        }
        String driver = parts[1].toLowerCase(Locale.ROOT);
        if (driver.equals("oracle")
                && parts.length == 4
                && SCHEME_PART.matcher(parts[2]).matches()) {
            return "jdbc:oracle:" + parts[2].toLowerCase(Locale.ROOT);
        }
        return "jdbc:" + driver;
    }

    /** PostgreSQL and MariaDB: {@code //host[:port][,host[:port]...]/database?name=value&...}. */
    private static JdbcUrl hostsAndQuery(Dialect dialect, String url, String driverUrl) throws SourceFailure {
        String form = dialect.scheme() + "://host[:port][,host[:port]...]/database[?property=value&...]";
        String rest = url.substring(url.indexOf(':', "jdbc:".length()) + 1);
        if (!rest.startsWith("//")) {
            throw new SourceFailure(dialect.scheme() + " URL must name its host: " + form);
        }
        rest = rest.substring(2);
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        int slash = path.indexOf('/');
        String authority = slash < 0 ? path : path.substring(0, slash);
        String database = slash < 0 ? "" : path.substring(slash + 1);
        if (!DATABASE.matcher(database).matches()) {
            throw new SourceFailure(dialect.scheme() + " URL has an unusual database name: " + form);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String one : authority.split(",", -1)) {
            endpoints.add(endpoint(dialect, ENDPOINT, one, form));
        }
        if (query >= 0) {
            properties(dialect, rest.substring(query + 1), "&");
        }
        return new JdbcUrl(dialect, driverUrl, endpoints);
    }

    /** {@code jdbc:sqlserver://host[\instance][:port][;name=value...]}: its host may not come from a property. */
    private static JdbcUrl sqlServer(String url) throws SourceFailure {
        String form = "jdbc:sqlserver://host[\\instance][:port][;property=value...]";
        String rest = url.substring("jdbc:sqlserver:".length());
        if (!rest.startsWith("//")) {
            throw new SourceFailure("jdbc:sqlserver URL must name its host: " + form);
        }
        rest = rest.substring(2);
        int semicolon = rest.indexOf(';');
        String authority = semicolon < 0 ? rest : rest.substring(0, semicolon);
        Endpoint endpoint = endpoint(Dialect.SQLSERVER, SQLSERVER_ENDPOINT, authority, form);
        if (semicolon >= 0) {
            String properties = rest.substring(semicolon + 1);
            if (properties.contains("{") || properties.contains("}")) {
                throw new SourceFailure("jdbc:sqlserver URL property values may not use {braces}");
            }
            properties(Dialect.SQLSERVER, properties, ";");
        }
        return new JdbcUrl(Dialect.SQLSERVER, url, List.of(endpoint));
    }

    /** Only the easy-connect forms: descriptors, TNS aliases and wallets could point anywhere. */
    private static JdbcUrl oracle(String url) throws SourceFailure {
        Matcher matcher = ORACLE.matcher(url);
        if (!matcher.matches()) {
            throw new SourceFailure(
                    "jdbc:oracle:thin URL must be jdbc:oracle:thin:@host:port/service or @//host:port/service, with nothing more");
        }
        return new JdbcUrl(Dialect.ORACLE, url, List.of(endpoint(Dialect.ORACLE, matcher.group(1), matcher.group(2))));
    }

    private static Endpoint endpoint(Dialect dialect, Pattern pattern, String text, String form) throws SourceFailure {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.matches()) {
            throw new SourceFailure(dialect.scheme() + " URL must name its hosts plainly: " + form);
        }
        return endpoint(dialect, matcher.group(1), matcher.group(2));
    }

    private static Endpoint endpoint(Dialect dialect, String host, String port) throws SourceFailure {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (port == null) {
            return new Endpoint(bare, dialect.defaultPort());
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw new SourceFailure(dialect.scheme() + " URL has port " + port + " for host " + host + ": not a port");
        }
        return new Endpoint(bare, number);
    }

    /** Refuses a property not on the dialect's list; names it only when it looks like a name. */
    private static void properties(Dialect dialect, String text, String separator) throws SourceFailure {
        Set<String> seen = new HashSet<>();
        for (String pair : text.split(Pattern.quote(separator), -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String decoded = decode(name);
            if (!PROPERTY_NAME.matcher(decoded).matches() || !decoded.equals(name)) {
                throw new SourceFailure(dialect.scheme() + " URL has a property whose name is not a plain name");
            }
            if (!dialect.isHarmless(name)) {
                throw new SourceFailure(dialect.scheme() + " URL property " + name + " is not allowed (allowed: "
                        + dialect.harmlessProperties() + ")");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new SourceFailure(dialect.scheme() + " URL has property " + name + " twice");
            }
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /** {@code host:port, host:port}: what error messages may name. */
    String where() {
        return endpoints.stream().map(Endpoint::toString).collect(Collectors.joining(","));
    }
}
