package dev.preflight.web;

import dev.preflight.packaging.ManagedServerControl;
import dev.preflight.report.ConnectorHealth;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Tools tab: each connector's health, and the configuration with secrets masked. */
@Controller
class ToolsController {

    private final ConnectorHealth health;
    private final ConfigurableEnvironment environment;
    private final ManagedServerControl server;

    ToolsController(ConnectorHealth health, ConfigurableEnvironment environment, ManagedServerControl server) {
        this.health = health;
        this.environment = environment;
        this.server = server;
    }

    @PostMapping("/tools/packaging-server/start")
    String start(RedirectAttributes redirect) {
        try {
            server.start();
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/tools";
    }

    @PostMapping("/tools/packaging-server/stop")
    String stop() {
        server.stop();
        return "redirect:/tools";
    }

    @GetMapping("/tools")
    String tools(Model model) {
        model.addAttribute("health", health.check());
        ManagedServerControl.Status status = server.status();
        // the server's own output and errors may echo its command line or a signed URL
        model.addAttribute(
                "server",
                new ManagedServerControl.Status(
                        status.enabled(),
                        status.running(),
                        status.pid(),
                        status.lastLines().stream().map(SecretMask::text).toList(),
                        status.lastError() == null ? null : SecretMask.text(status.lastError())));
        model.addAttribute("settings", settings());
        return "tools";
    }

    /** Every preflight.* setting in force; secrets and signed URLs show as ****. */
    private Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        for (var source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
                    if (key.startsWith("preflight.") && !settings.containsKey(key)) {
                        String value = environment.getProperty(name);
                        settings.put(key, SecretMask.setting(key, value));
                    }
                }
            }
        }
        return new LinkedHashMap<>(settings);
    }
}
