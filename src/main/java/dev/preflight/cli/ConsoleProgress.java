package dev.preflight.cli;

import dev.preflight.report.CheckProgress;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/** Progress on stderr: a bar on a terminal, plain lines otherwise (CI logs, pipes). */
final class ConsoleProgress implements CheckProgress, AutoCloseable {

    private static final int STEPS = 8;

    private final PrintWriter err;
    private final @Nullable ProgressBar bar;

    ConsoleProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.bar = !quiet && isTerminal()
                ? new ProgressBarBuilder()
                        .setTaskName("preflight")
                        .setInitialMax(STEPS)
                        .setStyle(ProgressBarStyle.ASCII)
                        .hideEta()
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .build()
                : null;
        this.quiet = quiet;
    }

    private final boolean quiet;

    /** Console.isTerminal() exists from Java 22; on 21 a console is only there for a terminal. */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public synchronized void step(String description) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(description);
        } else if (!quiet) {
            err.println("preflight: " + description);
            err.flush();
        }
    }

    @Override
    public synchronized void advance(String what, long done, long total) {
        if (bar != null) {
            bar.setExtraMessage(what + " " + done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(STEPS);
            bar.close();
        }
    }
}
