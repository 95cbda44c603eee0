package dev.preflight.cache;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** A node's cache over a migrated database, without Spring: the unit under test and its real tables. */
final class CacheDatabase {

    private CacheDatabase() {}

    static DataSource h2() {
        var h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:cache-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return migrated(h2);
    }

    static DataSource migrated(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
    }

    static CacheProperties properties(Map<String, java.time.Duration> ttl) {
        return new CacheProperties(
                ttl, Map.of(), java.time.Duration.ofHours(1), 1000, java.time.Duration.ofSeconds(30));
    }

    static CachePolicies policies(DataSource dataSource, CacheProperties properties, Clock clock) {
        return new CachePolicies(JdbcClient.create(dataSource), properties, Optional.of(clock), dataSource);
    }

    static SharedCache cache(CachePolicies policies, Clock clock) {
        return new SharedCache(
                policies, Optional.of(clock), JsonMapper.builder().build(), Optional.empty());
    }
}
