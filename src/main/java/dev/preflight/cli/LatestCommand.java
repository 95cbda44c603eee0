package dev.preflight.cli;

import dev.preflight.jira.JiraVersion;
import dev.preflight.packaging.PackagingClient;
import dev.preflight.packaging.PackagingProperties;
import dev.preflight.report.ReleaseReporter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "latest",
        mixinStandardHelpOptions = true,
        description = "Shows the next release and its date, in Jira and in the packaging server.")
final class LatestCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--project", description = "Jira project key (default: preflight.check.project)")
    @Nullable
    String project;

    @Mixin
    UpstreamOptions upstreams = new UpstreamOptions();

    @Override
    public Integer call() {
        try (CommandSession session = upstreams.open()) {
            String key = session.project(project);
            JiraVersion next = session.bean(ReleaseReporter.class).nextRelease(key);
            String packagingName = session.bean(PackagingProperties.class).packagingRelease(key, next.name());
            List<String> packagingReleases = session.bean(PackagingClient.class).releases(key);
            var out = spec.commandLine().getOut();
            out.println("Jira:      " + key + " " + next.name()
                    + (next.releaseDate() == null
                            ? " (no release date)"
                            : " on " + next.releaseDate() + " ("
                                    + ChronoUnit.DAYS.between(LocalDate.now(), next.releaseDate()) + " days left)"));
            out.println("Packaging: " + key + " " + packagingName
                    + (packagingReleases.contains(packagingName)
                            ? " (exists)"
                            : " (not created on the packaging server yet)"));
            out.flush();
            return PreflightCli.DONE;
        }
    }
}
