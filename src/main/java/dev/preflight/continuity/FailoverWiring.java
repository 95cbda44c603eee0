package dev.preflight.continuity;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the failover data source in front of the pool Spring Boot made, when the database has
 * several servers (a multi-host PostgreSQL URL, or an explicit read URL). A single server or H2
 * keeps the pool as it is.
 */
@Configuration(proxyBeanMethods = false)
class FailoverWiring {

    @Bean
    static BeanPostProcessor failoverDataSource(
            ObjectProvider<DatabaseMode> mode, ObjectProvider<ContinuityProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof HikariDataSource pool) || !"dataSource".equals(name)) {
                    return bean;
                }
                String readUrl = properties.getObject().readUrlFor(pool.getJdbcUrl());
                if (readUrl == null) {
                    return bean;
                }
                // a node may start while the database has no primary: the pool fills once one answers
                pool.setInitializationFailTimeout(-1);
                Replicas replicas = new Replicas(readUrl, pool.getUsername(), pool.getPassword());
                return new FailoverDataSource(pool, replicas, mode.getObject(), Clock.systemUTC());
            }
        };
    }

    /** The replicas' pool, made the first time a read needs it, closed with the application. */
    static final class Replicas implements Supplier<DataSource>, AutoCloseable {
        private final String url;
        private final String username;
        private final String password;
        private HikariDataSource made;

        Replicas(String url, String username, String password) {
            this.url = url;
            this.username = username;
            this.password = password;
        }

        @Override
        public synchronized DataSource get() {
            if (made == null) {
                HikariDataSource replica = new HikariDataSource();
                replica.setPoolName("replicas");
                // readOnlyMode=always: even a connection that reached a primary refuses to write
                replica.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "readOnlyMode=always");
                replica.setUsername(username);
                replica.setPassword(password);
                replica.setMaximumPoolSize(5);
                replica.setConnectionTimeout(3_000);
                replica.setReadOnly(true);
                made = replica;
            }
            return made;
        }

        @Override
        public synchronized void close() {
            if (made != null) {
                made.close();
            }
        }
    }
}
