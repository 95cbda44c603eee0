package dev.preflight.cli;

import dev.preflight.PreflightApplication;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

/** Starts the application context a command needs: without a web server for one-shot commands. */
final class Contexts {

    private Contexts() {}

    static ConfigurableApplicationContext oneShot(Map<String, Object> properties, boolean debug) {
        return oneShot(properties, null, debug);
    }

    /** A one-shot context whose settings first come from {@code first} (a starting sandbox's). */
    static ConfigurableApplicationContext oneShot(
            Map<String, Object> properties, @Nullable PropertySource<?> first, boolean debug) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("logging.config", "classpath:logback-cli.xml");
        all.put("logging.level.root", debug ? "INFO" : "WARN");
        if (!debug) {
            // a failed start is reported by the CLI in one line; Spring's own report would repeat it
            all.put("logging.level.org.springframework.context", "OFF");
            all.put("logging.level.org.springframework.boot.diagnostics", "OFF");
        }
        all.put("spring.thymeleaf.check-template-location", "false");
        // Flyway's note that H2 is newer than it was tested with is not the user's concern
        all.put("logging.level.org.flywaydb.core.internal.database.base.Database", "ERROR");
        all.put("spring.main.log-startup-info", "false");
        // only what a command uses: beans on demand, and none of the server's auto-configuration
        all.put(OneShotAutoConfigurations.PROPERTY, "true");
        all.put("spring.main.lazy-initialization", "true");
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PreflightApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF);
        if (first != null) {
            builder.initializers(
                    context -> context.getEnvironment().getPropertySources().addFirst(first));
        }
        return builder.run(arguments(all));
    }

    /**
     * A context for commands that only need the database: beans are created on demand, so
     * connector settings are neither needed nor validated.
     */
    static ConfigurableApplicationContext databaseOnly(boolean debug) {
        return oneShot(Map.of(), debug);
    }

    static String dataDir() {
        String configured = System.getProperty("preflight.data-dir", System.getenv("PREFLIGHT_DATA_DIR"));
        return configured != null ? configured : System.getProperty("user.home") + "/.preflight";
    }

    static ConfigurableApplicationContext server(Map<String, Object> properties) {
        return new SpringApplicationBuilder(PreflightApplication.class)
                .bannerMode(Banner.Mode.OFF)
                .run(arguments(properties));
    }

    /**
     * The command's settings as command-line arguments: they then rank above application.yaml
     * (default properties would rank below it, and a sandbox's database would be ignored).
     */
    static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }
}
