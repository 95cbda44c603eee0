package dev.preflight.cli;

import dev.preflight.sandbox.Sandbox;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The connector settings of a sandbox that is still starting: their names are known from the
 * scenario, their values (URLs with ports) wait for the sandbox. A command's context starts
 * meanwhile and creates its connectors, the first to need a value, on demand.
 */
final class StartingSandbox extends EnumerablePropertySource<CompletableFuture<Sandbox>> {

    private final String[] names;

    StartingSandbox(CompletableFuture<Sandbox> sandbox, Set<String> names) {
        super("sandbox", sandbox);
        this.names = names.toArray(String[]::new);
    }

    @Override
    public String[] getPropertyNames() {
        return names.clone();
    }

    @Override
    public @Nullable Object getProperty(String name) {
        for (String known : names) {
            if (known.equals(name)) {
                try {
                    return getSource().join().connectorProperties().get(name);
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        return null;
    }
}
