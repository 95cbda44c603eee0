package dev.preflight.cli;

import dev.preflight.PreflightApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application context a command needs: without a web server for one-shot commands. */
final class Contexts {

    private Contexts() {}

    static ConfigurableApplicationContext oneShot(Map<String, Object> properties, boolean debug) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("logging.config", "classpath:logback-cli.xml");
        all.put("logging.level.root", debug ? "INFO" : "WARN");
        if (!debug) {
            // a failed start is reported by the CLI in one line; Spring's own report would repeat it
            all.put("logging.level.org.springframework.context", "OFF");
            all.put("logging.level.org.springframework.boot.diagnostics", "OFF");
        }
        all.put("spring.thymeleaf.check-template-location", "false");
        all.put("spring.main.log-startup-info", "false");
        return new SpringApplicationBuilder(PreflightApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .properties(all)
                .run();
    }

    static ConfigurableApplicationContext server(Map<String, Object> properties) {
        return new SpringApplicationBuilder(PreflightApplication.class)
                .bannerMode(Banner.Mode.OFF)
                .properties(properties)
                .run();
    }
}
