package dev.preflight.report;

import dev.preflight.absence.AbsenceCalendar;
import dev.preflight.absence.AbsenceProperties;
import dev.preflight.directory.DirectoryProperties;
import dev.preflight.jira.JiraClient;
import dev.preflight.jira.JiraProperties;
import dev.preflight.packaging.PackagingClient;
import dev.preflight.packaging.PackagingProperties;
import dev.preflight.sandbox.Sandbox;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** A {@link ReleaseReporter} wired by hand to a sandbox's real connectors, for tests and benchmarks. */
public final class SandboxReporters {

    private SandboxReporters() {}

    public static ReleaseReporter reporter(Sandbox sandbox, int bulkConcurrency) {
        return reporter(
                sandbox,
                bulkConcurrency,
                dev.preflight.custom.CustomChecks.inMemory(
                        host -> {},
                        (source, context) -> {
                            throw new dev.preflight.custom.SourceFailure("no sources in this test");
                        },
                        dev.preflight.custom.SourceLimits.of(Map.of())));
    }

    /** The same with these custom checks. */
    public static ReleaseReporter reporter(
            Sandbox sandbox, int bulkConcurrency, dev.preflight.custom.CustomChecks custom) {
        Sandbox.Endpoints e = sandbox.endpoints();
        JsonMapper json = JsonMapper.builder().build();
        JiraProperties jira = new JiraProperties(
                URI.create(e.jiraUrl()),
                e.credentials().jiraUser(),
                e.credentials().jiraToken(),
                new JiraProperties.Fields(
                        "customfield_10201", "customfield_10202", "customfield_10203", null, List.of("Done")),
                5000,
                bulkConcurrency,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                null);
        PackagingProperties packaging = new PackagingProperties(
                URI.create(e.packagingUrl()),
                e.credentials().packagingUser(),
                e.credentials().packagingPassword(),
                500,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofMinutes(1),
                Duration.ofMillis(100),
                Map.of("ET", "H3-"),
                new PackagingProperties.Managed(
                        false,
                        List.of(),
                        null,
                        null,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(5),
                        new PackagingProperties.Jdk(null, null, java.nio.file.Path.of(".preflight/jdk")),
                        null));
        DirectoryProperties directory = new DirectoryProperties(
                URI.create(e.ldapUrl()),
                e.credentials().ldapBindDn(),
                e.credentials().ldapPassword(),
                e.credentials().ldapBaseDn(),
                false,
                false,
                "(mail={0})",
                "(displayName={0})",
                "extensionAttribute1",
                2,
                Duration.ofSeconds(5));
        AbsenceProperties absence = new AbsenceProperties(
                URI.create(e.luccaUrl()),
                e.credentials().luccaKey(),
                ZoneId.of("Europe/Paris"),
                Duration.ofSeconds(10));
        PackagingClient packagingClient = new PackagingClient(packaging, json);
        JiraClient jiraClient = new JiraClient(jira, json);
        AbsenceCalendar absences = new AbsenceCalendar(absence, json);
        return new ReleaseReporter(
                jiraClient,
                jira,
                packagingClient,
                packaging,
                directory,
                absences,
                absence,
                new CheckProperties(Map.of(), "ET"),
                Optional.empty(),
                new dev.preflight.packaging.ManagedServerControl(packaging, packagingClient),
                custom,
                new dev.preflight.reference.ReferenceData(
                        dev.preflight.cache.SharedCache.keepingNothing(json), jiraClient, packagingClient, absences));
    }
}
