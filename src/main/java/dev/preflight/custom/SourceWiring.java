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

    /** Each source's answers are kept as its type {@code source.<name>} says (not at all until given a lifetime). */
    @Bean
    SourceFetcher sourceFetcher(
            OutboundHttp http,
            AllowedHosts hosts,
            Secrets secrets,
            SourceLimits limits,
            Optional<Clock> clock,
            dev.preflight.cache.SharedCache cache) {
        Clock time = clock.orElse(Clock.systemUTC());
        return new Cached(new Sources(http, hosts, secrets, limits, time), cache, time);
    }

    /**
     * A source's answer through the servers' cache, keyed by a digest of its definition and of what
     * the request is built from (project, releases, ticket keys): a changed definition or another
     * release is another key. A failure with a recent answer kept serves that answer, saying so.
     */
    static final class Cached implements SourceFetcher {
        private final SourceFetcher sources;
        private final dev.preflight.cache.SharedCache cache;

        private final Clock clock;

        Cached(SourceFetcher sources, dev.preflight.cache.SharedCache cache, Clock clock) {
            this.sources = sources;
            this.cache = cache;
            this.clock = clock;
        }

        @Override
        public SourceAnswer fetch(SourceDefinition source, SourceContext context) throws SourceFailure {
            try {
                dev.preflight.cache.Cached<SourceAnswer> answer =
                        cache.get(dev.preflight.cache.CacheType.source(source.name()), key(source, context), () -> {
                            try {
                                return sources.fetch(source, context);
                            } catch (SourceFailure e) {
                                throw new Failed(e);
                            }
                        });
                return answer.fromCache() ? answer.value().fromCache(answer.notice(clock.instant())) : answer.value();
            } catch (Failed e) {
                throw e.failure;
            }
        }

        private static String key(SourceDefinition source, SourceContext context) {
            try {
                var digest = java.security.MessageDigest.getInstance("SHA-256");
                digest.update(source.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(context.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(digest.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Carries a source's own failure through the cache, whose loaders throw unchecked. */
        private static final class Failed extends RuntimeException {
            final SourceFailure failure;

            Failed(SourceFailure failure) {
                super(failure.getMessage(), failure, false, false);
                this.failure = failure;
            }
        }
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
