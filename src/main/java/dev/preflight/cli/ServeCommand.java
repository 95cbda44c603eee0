package dev.preflight.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Runs the server (web UI, API, schedules) against the configured upstreams and database.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", description = "HTTP port (default: SERVER_PORT, else 8080)")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> properties = new HashMap<>();
        if (port != null) {
            properties.put("server.port", port);
        }
        ConfigurableApplicationContext context = Contexts.server(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        spec.commandLine()
                .getOut()
                .println("Preflight serving on port " + context.getEnvironment().getProperty("local.server.port"));
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await();
        return PreflightCli.DONE;
    }
}
