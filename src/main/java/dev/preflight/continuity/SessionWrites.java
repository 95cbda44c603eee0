package dev.preflight.continuity;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Locale;

/**
 * Sessions are read from the database on every request and their last access written back. While
 * it has no primary that write cannot happen, so it is let go: a signed-in person keeps reading
 * (their session's idle clock just does not move) instead of every page failing. Only statements
 * on the sessions' own tables are let go; any other write fails as it should.
 */
final class SessionWrites {

    private SessionWrites() {}

    static Connection lettingWritesGo(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                String verb = sql.strip().toUpperCase(Locale.ROOT);
                boolean write = verb.startsWith("UPDATE") || verb.startsWith("INSERT") || verb.startsWith("DELETE");
                if (write && verb.contains("SPRING_SESSION")) {
                    return unwritten((Connection) proxy);
                }
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(
                SessionWrites.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** A statement that writes nothing and says so: no row changed. */
    private static PreparedStatement unwritten(Connection connection) {
        return (PreparedStatement) Proxy.newProxyInstance(
                SessionWrites.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p, method, args) -> {
                    return switch (method.getName()) {
                        case "executeUpdate" -> 0;
                        case "executeLargeUpdate" -> 0L;
                        case "executeBatch" -> new int[0];
                        case "executeLargeBatch" -> new long[0];
                        case "execute", "isClosed" -> false;
                        case "getUpdateCount" -> 0;
                        case "getConnection" -> connection;
                        case "unwrap", "getResultSet" -> null;
                        case "isWrapperFor" -> false;
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "unwritten statement";
                        default -> method.getReturnType().equals(Void.TYPE) ? null : null;
                    };
                });
    }
}
