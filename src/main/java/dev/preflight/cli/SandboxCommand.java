package dev.preflight.cli;

import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description =
                "Serves a scenario's outside world (Jira, packaging server, LDAP, Lucca, Teams sink) until stopped.")
final class SandboxCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario file")
    Path scenario;

    @Option(
            names = "--packaging-port",
            defaultValue = "0",
            description = "Port of the packaging server (0: any free one)")
    int packagingPort;

    @Option(names = "--debug", description = "Print stack traces")
    boolean debug;

    @Override
    public Integer call() throws InterruptedException {
        Sandbox sandbox =
                Sandbox.start(new ScenarioLoader().load(scenario), new Sandbox.Ports(0, packagingPort, 0, 0, 0));
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        Sandbox.Endpoints endpoints = sandbox.endpoints();
        var out = spec.commandLine().getOut();
        out.println("Jira             " + endpoints.jiraUrl() + "  (user "
                + endpoints.credentials().jiraUser() + ", token "
                + endpoints.credentials().jiraToken() + ")");
        out.println("Packaging server " + endpoints.packagingUrl() + "  (user "
                + endpoints.credentials().packagingUser() + ", password "
                + endpoints.credentials().packagingPassword() + ")");
        out.println("LDAP             " + endpoints.ldapUrl() + "  (bind "
                + endpoints.credentials().ldapBindDn() + ", base "
                + endpoints.credentials().ldapBaseDn() + ")");
        out.println("Lucca            " + endpoints.luccaUrl() + "  (key "
                + endpoints.credentials().luccaKey() + ")");
        out.println("Teams webhook    " + endpoints.teamsWebhookUrl() + "  (posts: " + endpoints.teamsWebhookUrl()
                + "/posts)");
        if (!sandbox.scenario().endpoints().isEmpty()) {
            out.println("Sources          " + endpoints.sourcesUrl() + "  ("
                    + sandbox.scenario().endpoints().size() + " endpoints of the scenario)");
        }
        out.println("Ready. Ctrl-C stops it.");
        out.flush();
        new CountDownLatch(1).await();
        return PreflightCli.DONE;
    }
}
