package dev.preflight.cli;

import dev.preflight.security.ApiTokens;
import dev.preflight.security.AuditLog;
import dev.preflight.security.LocalAccounts;
import dev.preflight.security.Member;
import dev.preflight.security.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Local accounts (for sign-in without a provider).",
        subcommands = {
            UsersCommand.ListUsers.class,
            UsersCommand.Add.class,
            UsersCommand.Remove.class,
            UsersCommand.Passwd.class
        })
final class UsersCommand {

    /** The database the server and the demo use (PREFLIGHT_DB_URL, else the embedded one). */
    static final class Target {
        @Option(names = "--debug", description = "Print stack traces")
        boolean debug;

        ConfigurableApplicationContext open() {
            return Contexts.databaseOnly(debug);
        }
    }

    /** Without --password-stdin a password is generated, printed once, and must be changed at first sign-in. */
    static final class PasswordSource {
        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean stdin;

        Optional<String> read() throws IOException {
            if (!stdin) {
                return Optional.empty();
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("--password-stdin: standard input is empty");
            }
            return Optional.of(line);
        }
    }

    /** CLI changes go to the audit log too, under the operating-system user who ran the command. */
    static void audit(ConfigurableApplicationContext context, String action, String target) {
        context.getBean(AuditLog.class).record("cli:" + System.getProperty("user.name"), action, target, null, null);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists local accounts and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            try (var context = target.open()) {
                var out = spec.commandLine().getOut();
                for (var account : context.getBean(LocalAccounts.class).list()) {
                    out.printf(
                            "%-24s %-9s %s%n",
                            account.username(),
                            account.role().label(),
                            account.mustChange() ? "must change password" : "");
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a local account.")
    static final class Add implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, description = "read or readwrite")
        String role;

        @Mixin
        PasswordSource password;

        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            Role parsed = Role.parse(role);
            Optional<String> given = password.read();
            try (var context = target.open()) {
                String secret = context.getBean(LocalAccounts.class).add(name, parsed, given);
                audit(context, "account.add", Member.localId(name));
                var out = spec.commandLine().getOut();
                out.println("added " + name + " (" + parsed.label() + ")");
                if (given.isEmpty()) {
                    out.println("one-time password: " + secret + "  (must be changed at the first sign-in)");
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Removes a local account and revokes its tokens.")
    static final class Remove implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            try (var context = target.open()) {
                context.getBean(LocalAccounts.class).remove(name);
                int revoked = context.getBean(ApiTokens.class).revokeAll(Member.localId(name));
                audit(context, "account.remove", Member.localId(name));
                spec.commandLine()
                        .getOut()
                        .println("removed " + name + (revoked > 0 ? ", revoked " + revoked + " token(s)" : ""));
                spec.commandLine().getOut().flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a local account's password.")
    static final class Passwd implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        PasswordSource password;

        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            Optional<String> given = password.read();
            try (var context = target.open()) {
                String secret = context.getBean(LocalAccounts.class).setPassword(name, given);
                // a new password ends the account's sessions (on their next request) and its tokens
                int revoked = context.getBean(ApiTokens.class).revokeAll(Member.localId(LocalAccounts.normalise(name)));
                audit(context, "account.password", Member.localId(name));
                var out = spec.commandLine().getOut();
                out.println((given.isEmpty()
                                ? "new one-time password for " + name + ": " + secret
                                        + "  (must be changed at the next sign-in)"
                                : "password of " + name + " changed")
                        + (revoked > 0 ? "; revoked " + revoked + " token(s)" : ""));
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }
}
