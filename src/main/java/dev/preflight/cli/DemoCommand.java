package dev.preflight.cli;

import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import dev.preflight.sandbox.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Starts the web app against the sandbox (demo scenario by default) and an embedded database.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_SCENARIO = "scenarios/demo.json";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario file (default: the built-in demo)")
    @Nullable
    Path scenario;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0: any free one)")
    int port;

    @Option(
            names = "--address",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String address;

    @Option(names = "--debug", description = "Print stack traces")
    boolean debug;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Sandbox sandbox = Sandbox.start(scenario == null ? builtIn() : new ScenarioLoader().load(scenario));
        Map<String, Object> properties = new HashMap<>(sandbox.connectorProperties());
        properties.put("server.port", port);
        properties.put("server.address", address);
        properties.put(
                "preflight.secrets-dir",
                DemoChecks.secrets(Path.of(Contexts.dataDir())).toString());
        ConfigurableApplicationContext context = Contexts.server(properties);
        DemoChecks.install(context.getBean(dev.preflight.custom.CustomChecks.class), sandbox);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            sandbox.close();
        }));
        String actualPort = context.getEnvironment().getProperty("local.server.port", String.valueOf(port));
        spec.commandLine()
                .getOut()
                .println("Preflight demo running at http://127.0.0.1:" + actualPort + "/  (sandbox Teams posts: "
                        + sandbox.endpoints().teamsWebhookUrl() + "/posts). Ctrl-C stops it.\n"
                        + "Sign in as admin with the one-time password printed above on the first start"
                        + " (lost it? stop the demo, then ./preflight users passwd admin).");
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await();
        return PreflightCli.DONE;
    }

    static Scenario builtIn() {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(DEMO_SCENARIO)) {
            if (in == null) {
                throw new IllegalStateException("the built-in demo scenario is missing from the jar");
            }
            return new ScenarioLoader().parse(in, "demo");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
