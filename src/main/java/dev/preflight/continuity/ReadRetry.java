package dev.preflight.continuity;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * A query that loses its primary in the middle (the server died under it) is asked again of a
 * replica, once: reading is safe to repeat, and the person reading never sees the failover. Only
 * a single SELECT outside a transaction is repeated; anything else fails as it did.
 */
final class ReadRetry {

    private ReadRetry() {}

    interface Failover {
        DataSource replicas();

        void lost();
    }

    static Connection retryingReads(Connection primary, Failover failover) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = call(primary, method, args);
            } catch (SQLException e) {
                // a commit that lost its server: the node knows before the transaction's rollback
                // fails on the closed connection and the request is answered
                if (ConnectionLoss.serverGone(e)) {
                    failover.lost();
                }
                throw e;
            }
            if (method.getName().equals("prepareStatement")
                    && args != null
                    && args.length == 1
                    && args[0] instanceof String sql
                    && sql.strip().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
                // asked now: once the server is gone, the pool has closed the connection and cannot say
                return retrying((PreparedStatement) result, sql, primary.getAutoCommit(), failover);
            }
            return result;
        };
        return (Connection)
                Proxy.newProxyInstance(ReadRetry.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static PreparedStatement retrying(
            PreparedStatement first, String sql, boolean autoCommit, Failover failover) {
        List<Object[]> settings = new ArrayList<>(); // the parameters, to set again on the replica
        List<Connection> borrowed = new ArrayList<>();
        InvocationHandler handler = new InvocationHandler() {
            private PreparedStatement current = first;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                String name = method.getName();
                if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                    settings.add(new Object[] {method, args});
                }
                if (name.equals("close")) {
                    try {
                        return call(current, method, args);
                    } finally {
                        for (Connection c : borrowed) {
                            c.close();
                        }
                    }
                }
                try {
                    return call(current, method, args);
                } catch (SQLException e) {
                    boolean query = name.equals("executeQuery") || name.equals("execute");
                    if (!query || !borrowed.isEmpty() || !autoCommit || !ConnectionLoss.serverGone(e)) {
                        throw e;
                    }
                    failover.lost();
                    Connection replica = failover.replicas().getConnection();
                    replica.setReadOnly(true);
                    borrowed.add(replica);
                    current = replica.prepareStatement(sql);
                    for (Object[] setting : settings) {
                        call(current, (Method) setting[0], (Object[]) setting[1]);
                    }
                    return call(current, method, args);
                }
            }
        };
        return (PreparedStatement) Proxy.newProxyInstance(
                ReadRetry.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
