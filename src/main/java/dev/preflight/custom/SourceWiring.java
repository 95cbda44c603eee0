package dev.preflight.custom;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.preflight.custom.http.AllowedHosts;
import dev.preflight.custom.http.HttpSource;
import dev.preflight.custom.http.OutboundHttp;
import dev.preflight.custom.jdbc.JdbcSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one outbound client, the host rules and the secrets every custom source goes through. */
@Configuration(proxyBeanMethods = false)
class SourceWiring {

    @Bean
    AllowedHosts allowedHosts(SourceLimits limits) {
        return new AllowedHosts(limits.allowedHosts());
    }

    @Bean(destroyMethod = "close")
    OutboundHttp outboundHttp(AllowedHosts hosts, SourceLimits limits) {
        return new OutboundHttp(hosts, limits);
    }

    /** PREFLIGHT_SECRETS_DIR binds here too, so a command or the demo can point at a folder of its own. */
    @Bean
    Secrets secrets(@Value("${preflight.secrets-dir:}") String directory) {
        return new Secrets(System.getenv(), directory.isBlank() ? null : Path.of(directory));
    }

    /** A database source's URL, properties, hosts and query are checked at import, without connecting. */
    @Bean
    SourceCheck sourceCheck(AllowedHosts hosts, Secrets secrets, SourceLimits limits, Optional<Clock> clock) {
        return source -> {
            if (source.kind() == SourceDefinition.Kind.JDBC) {
                new JdbcSource(source.name(), source.jdbc(), secrets, hosts, limits, clock.orElse(Clock.systemUTC()))
                        .verify();
            }
        };
    }

    @Bean
    SourceFetcher sourceFetcher(
            OutboundHttp http, AllowedHosts hosts, Secrets secrets, SourceLimits limits, Optional<Clock> clock) {
        return new Sources(http, hosts, secrets, limits, clock.orElse(Clock.systemUTC()));
    }

    /**
     * HTTP sources are kept while their definition is unchanged, so an OAuth2 token lives until it
     * expires rather than for one run; a database source opens and closes its connection each run.
     */
    static final class Sources implements SourceFetcher {
        private final OutboundHttp http;
        private final AllowedHosts hosts;
        private final Secrets secrets;
        private final SourceLimits limits;
        private final Clock clock;
        private final Cache<SourceDefinition, HttpSource> httpSources =
                Caffeine.newBuilder().maximumSize(200).build();

        Sources(OutboundHttp http, AllowedHosts hosts, Secrets secrets, SourceLimits limits, Clock clock) {
            this.http = http;
            this.hosts = hosts;
            this.secrets = secrets;
            this.limits = limits;
            this.clock = clock;
        }

        @Override
        public SourceAnswer fetch(SourceDefinition source, SourceContext context) throws SourceFailure {
            return switch (source.kind()) {
                case HTTP ->
                    httpSources
                            .get(source, s -> new HttpSource(s.name(), s.http(), http, secrets, limits, clock))
                            .fetch(context);
                case JDBC -> new JdbcSource(source.name(), source.jdbc(), secrets, hosts, limits, clock).fetch(context);
                case JIRA -> throw new IllegalArgumentException("the jira source comes with the check's own reads");
            };
        }
    }
}
