package dev.preflight.cli;

import dev.preflight.notify.TeamsNotifications;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description = "Sends an execution's Teams notification again: what is pending, else all of it.")
final class NotifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution")
    String execution;

    @Option(names = "--debug", description = "Log and print stack traces")
    boolean debug;

    @Override
    public Integer call() {
        UUID id = HistoryCommand.id(execution);
        try (var context = Contexts.oneShot(Map.of("spring.main.lazy-initialization", "true"), debug)) {
            TeamsNotifications.Delivery delivery =
                    context.getBean(TeamsNotifications.class).resend(id);
            if (!delivery.delivered()) {
                spec.commandLine()
                        .getErr()
                        .println("preflight: " + delivery.sent() + " of " + delivery.parts() + " card(s) sent: "
                                + delivery.error());
                return PreflightCli.UPSTREAM;
            }
            spec.commandLine().getOut().println("sent " + delivery.parts() + " card(s) of execution " + id);
            spec.commandLine().getOut().flush();
            return PreflightCli.DONE;
        }
    }
}
