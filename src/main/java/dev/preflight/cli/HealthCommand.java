package dev.preflight.cli;

import dev.preflight.report.ConnectorHealth;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = "Tests the connection to every upstream (Jira, packaging server, LDAP, Lucca).")
final class HealthCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    UpstreamOptions upstreams = new UpstreamOptions();

    @Override
    public Integer call() {
        try (CommandSession session = upstreams.open()) {
            List<ConnectorHealth.Status> statuses =
                    session.bean(ConnectorHealth.class).check();
            var out = spec.commandLine().getOut();
            for (ConnectorHealth.Status status : statuses) {
                out.printf(
                        "%-18s %-4s %5d ms  %s%n",
                        status.connector(),
                        status.up() ? "UP" : "DOWN",
                        status.took().toMillis(),
                        status.detail());
            }
            out.flush();
            return statuses.stream().allMatch(ConnectorHealth.Status::up) ? PreflightCli.DONE : PreflightCli.UPSTREAM;
        }
    }
}
