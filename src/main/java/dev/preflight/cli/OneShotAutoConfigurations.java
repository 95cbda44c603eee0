package dev.preflight.cli;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * A one-shot command (check, latest, history, users…) needs the database, JSON and validated
 * settings, nothing of the server: no web server, security chain, sessions, actuator, metrics,
 * templates, API docs or scheduler. With {@code preflight.one-shot=true} only these
 * auto-configurations are considered; an allowlist, so that a starter added later does not
 * slow every command down. Servers never set the property and get everything.
 */
public final class OneShotAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    static final String PROPERTY = "preflight.one-shot";

    private static final Set<String> NEEDED = Set.of(
            "org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration",
            "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration");

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /**
     * Filters also see the configurations an auto-configuration imports (nested or not): those
     * come only through a kept auto-configuration, so only top-level auto-configurations are judged.
     */
    private static boolean isAutoConfiguration(@Nullable String candidate) {
        return candidate != null && candidate.endsWith("AutoConfiguration") && !candidate.contains("$");
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean oneShot = environment != null && environment.getProperty(PROPERTY, Boolean.class, false);
        boolean[] matches = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            matches[i] = !oneShot || !isAutoConfiguration(candidates[i]) || NEEDED.contains(candidates[i]);
        }
        return matches;
    }
}
