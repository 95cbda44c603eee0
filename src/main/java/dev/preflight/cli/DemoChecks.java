package dev.preflight.cli;

import dev.preflight.custom.CustomChecks;
import dev.preflight.custom.DefinitionVersion;
import dev.preflight.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's custom checks: a pipeline status, an incident list and a do-not-ship label, read from
 * the sandbox, so a newcomer sees custom checks at work. The sandbox's address changes with each
 * start, so the demo's own version is renewed; once someone has changed the checks, they are left
 * alone.
 */
final class DemoChecks {

    static final String ACTOR = "demo";
    private static final String DOCUMENT = "checks/demo.yaml";

    /** The sandbox's API keys, as its scenario declares them. */
    private static final Map<String, String> SECRETS =
            Map.of("DEMO_CI_TOKEN", "demo-ci-token", "DEMO_INCIDENTS_KEY", "demo-incidents-key");

    private DemoChecks() {}

    /** Writes the demo's secrets (0600 in a 0700 folder) and returns the folder, for preflight.secrets-dir. */
    static Path secrets(Path dataDir) throws IOException {
        Path folder = dataDir.resolve("demo-secrets");
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            Path file = folder.resolve(secret.getKey());
            Files.writeString(file, secret.getValue(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return folder;
    }

    /** Puts the demo's checks in force unless someone else has changed the checks since. */
    static Optional<DefinitionVersion> install(CustomChecks checks, Sandbox sandbox) throws IOException {
        if (sandbox.scenario().endpoints().isEmpty()) {
            return Optional.empty(); // a scenario of one's own: its checks are one's own too
        }
        Optional<DefinitionVersion> current = checks.currentVersion();
        if (current.isPresent() && !current.get().changedBy().equals(ACTOR)) {
            return Optional.empty();
        }
        String document;
        try (InputStream in = DemoChecks.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("the demo's custom checks are missing from the jar");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{sources}", sandbox.sourcesUrl());
        }
        return Optional.of(checks.save(document, ACTOR, "the demo's checks (sandbox at " + sandbox.sourcesUrl() + ")"));
    }
}
