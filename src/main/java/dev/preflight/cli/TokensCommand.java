package dev.preflight.cli;

import dev.preflight.security.ApiTokens;
import dev.preflight.security.LocalAccounts;
import dev.preflight.security.Member;
import dev.preflight.security.Role;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "tokens",
        mixinStandardHelpOptions = true,
        description = "API tokens of local accounts, for automation without a browser (a metrics scrape, a CI job).",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand {

    /** The account, as it is now: a token never holds more than its account's role. */
    static Member member(LocalAccounts accounts, String name, @Nullable String role) {
        LocalAccounts.Account account = accounts.find(name)
                .orElseThrow(
                        () -> new IllegalArgumentException("no account named '" + LocalAccounts.normalise(name) + "'"));
        Role held = role == null ? account.role() : account.role().atMost(Role.parse(role));
        return new Member(Member.localId(account.username()), account.username(), Optional.of(held));
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a token and prints it once.")
    static final class Create implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "USER", description = "the local account the token acts for")
        String user;

        @Option(names = "--name", required = true, description = "what it is for, e.g. prometheus (1-64 characters)")
        String name;

        @Option(
                names = "--days",
                defaultValue = "90",
                description = "lifetime, 1 to 366 days (default: ${DEFAULT-VALUE})")
        int days;

        @Option(names = "--role", description = "read, or readwrite (at most the account's own role)")
        @Nullable
        String role;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            if (days < 1 || days > 366) {
                throw new IllegalArgumentException("--days: a token lives from 1 to 366 days, not " + days);
            }
            try (var context = target.open()) {
                Member member = member(context.getBean(LocalAccounts.class), user, role);
                ApiTokens.Issued issued = context.getBean(ApiTokens.class).issue(member, name, Duration.ofDays(days));
                UsersCommand.audit(
                        context,
                        "token.create",
                        member.id() + " " + issued.token().name());
                var out = spec.commandLine().getOut();
                out.println(issued.value());
                out.flush();
                spec.commandLine()
                        .getErr()
                        .println("preflight: token '" + issued.token().name() + "' for " + member.name() + " ("
                                + issued.token().role().label() + ") until "
                                + issued.token().expiresAt()
                                + "; shown once, keep it secret");
                return PreflightCli.DONE;
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists an account's tokens (never their values).")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "USER")
        String user;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            try (var context = target.open()) {
                List<ApiTokens.ApiToken> tokens =
                        context.getBean(ApiTokens.class).of(Member.localId(LocalAccounts.normalise(user)));
                var out = spec.commandLine().getOut();
                out.printf("%-36s  %-20s  %-9s  %-20s  %s%n", "ID", "NAME", "ROLE", "EXPIRES", "STATE");
                for (ApiTokens.ApiToken token : tokens) {
                    out.printf(
                            "%-36s  %-20s  %-9s  %-20s  %s%n",
                            token.id(),
                            token.name(),
                            token.role().label(),
                            token.expiresAt().toString().substring(0, 19) + "Z",
                            token.revokedAt() != null
                                    ? "revoked"
                                    : token.usable(java.time.Instant.now()) ? "active" : "expired");
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes one of an account's tokens.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Parameters(index = "1", paramLabel = "ID")
        String id;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            UUID token;
            try {
                token = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ID: '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                        + "' is not a token id (see preflight tokens list)");
            }
            try (var context = target.open()) {
                String owner = Member.localId(LocalAccounts.normalise(user));
                if (!context.getBean(ApiTokens.class).revoke(owner, token)) {
                    throw new IllegalArgumentException(
                            "no active token " + token + " of " + LocalAccounts.normalise(user));
                }
                UsersCommand.audit(context, "token.revoke", owner + " " + token);
                spec.commandLine().getOut().println("revoked " + token);
                spec.commandLine().getOut().flush();
                return PreflightCli.DONE;
            }
        }
    }
}
