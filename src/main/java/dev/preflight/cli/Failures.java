package dev.preflight.cli;

import dev.preflight.directory.Directory;
import dev.preflight.report.CheckFailedException;
import dev.preflight.sandbox.ScenarioException;
import dev.preflight.upstream.UpstreamException;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import picocli.CommandLine;

/** Turns any failure into one line on stderr and an exit code; a stack trace only with --debug. */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        boolean debug =
                parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug");
        if (debug) {
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().println("preflight: " + message(e));
        return code(e);
    }

    static int code(Throwable e) {
        Throwable cause = root(e);
        if (cause instanceof UpstreamException upstream) {
            // Jira's answer to an unknown project (404) or release (400) is the user's input, not an outage
            return upstream.status() == 400 || upstream.status() == 404 ? PreflightCli.USAGE : PreflightCli.UPSTREAM;
        }
        if (cause instanceof Directory.DirectoryException) {
            return PreflightCli.UPSTREAM;
        }
        if (cause instanceof ScenarioException
                || cause instanceof CheckFailedException
                || cause instanceof java.util.NoSuchElementException
                || cause instanceof dev.preflight.history.ExecutionExport.ImportException
                || cause instanceof IllegalArgumentException
                || isConfiguration(e)) {
            return PreflightCli.USAGE;
        }
        return PreflightCli.UPSTREAM;
    }

    /** H2's "database already open" (ErrorCode.DATABASE_ALREADY_OPEN_1): a server holds the embedded file. */
    private static final int DATABASE_IN_USE = 90020;

    static boolean databaseInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == DATABASE_IN_USE) {
                return true;
            }
        }
        return false;
    }

    static String message(Throwable e) {
        if (databaseInUse(e)) {
            return "the embedded database is in use by a running Preflight server (demo or serve), which"
                    + " shares it with no one: use its web page or API, or stop it first; for several"
                    + " processes at once use PostgreSQL (PREFLIGHT_DB_URL)";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindValidationException validation
                    && !validation.getValidationErrors().getAllErrors().isEmpty()) {
                ObjectError error =
                        validation.getValidationErrors().getAllErrors().getFirst();
                String name = validation.getValidationErrors().getName() + "."
                        + kebab(error instanceof FieldError field ? field.getField() : error.getObjectName());
                return "configuration: " + name + " " + error.getDefaultMessage() + " (set " + envName(name) + ")";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                String name = bind.getName().toString();
                Throwable reason = root(bind);
                return "configuration: " + name + ": " + reason.getMessage() + " (set " + envName(name) + ")";
            }
        }
        Throwable cause = root(e);
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.lines().findFirst().orElse(text);
    }

    /** Bean property paths are camelCase; settings are kebab-case ({@code baseDn} → {@code base-dn}). */
    static String kebab(String path) {
        return path.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static boolean isConfiguration(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null
                && cause.getCause() != cause
                && !(cause instanceof UpstreamException)
                && !(cause instanceof ScenarioException)
                && !(cause instanceof CheckFailedException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * {@code preflight.ldap.bind-dn} → {@code PREFLIGHT_LDAP_BIND_DN}; deeper settings drop their
     * dashes ({@code preflight.jira.fields.qc-assignee} → {@code PREFLIGHT_JIRA_FIELDS_QCASSIGNEE}),
     * the only form Spring binds there.
     */
    static String envName(String property) {
        String[] parts = property.split("\\.");
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            name.append(i == 0 ? "" : "_").append(parts[i].replace("-", i < 3 ? "_" : ""));
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }
}
