package dev.preflight.packaging;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The managed packaging server started by hand (Tools tab): status, start, stop, last output.
 * While it runs, checks use it instead of starting their own.
 */
@Service
public class ManagedServerControl {

    private final PackagingProperties properties;
    private final PackagingClient client;
    private @Nullable ManagedPackagingServer server;
    private @Nullable String lastError;

    public ManagedServerControl(PackagingProperties properties, PackagingClient client) {
        this.properties = properties;
        this.client = client;
    }

    /** What the Tools tab shows. */
    public record Status(
            boolean enabled,
            boolean running,
            @Nullable Long pid,
            List<String> lastLines,
            @Nullable String lastError) {}

    public synchronized Status status() {
        boolean running = server != null && server.isAlive();
        return new Status(
                properties.managed().enabled(),
                running,
                running ? server.pid() : null,
                server == null ? List.of() : tail(server.lastLines()),
                lastError);
    }

    public synchronized boolean isRunning() {
        return server != null && server.isAlive();
    }

    public synchronized void start() {
        if (!properties.managed().enabled()) {
            throw new IllegalStateException(
                    "no managed packaging server is configured" + " (PREFLIGHT_PACKAGING_MANAGED_ENABLED)");
        }
        if (isRunning()) {
            return;
        }
        try {
            PackagingProperties.Managed managed = properties.managed();
            server = ManagedPackagingServer.start(managed, ProvisionedJdk.forManaged(managed), client);
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 30), lines.size());
    }
}
