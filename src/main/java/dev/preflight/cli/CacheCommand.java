package dev.preflight.cli;

import dev.preflight.cache.CachePolicies;
import dev.preflight.cache.CachePolicy;
import dev.preflight.cache.CacheType;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "cache",
        mixinStandardHelpOptions = true,
        description = "Lifetimes of the upstream data the servers keep, per type; running servers apply a change within"
                + " seconds (PostgreSQL).",
        subcommands = {CacheCommand.ListTypes.class, CacheCommand.Set.class, CacheCommand.Clear.class})
final class CacheCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists each type's lifetime and store switch.")
    static final class ListTypes implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            try (var context = target.open()) {
                var policies = context.getBean(CachePolicies.class)
                        .all(context.getBean(dev.preflight.web.CacheTypes.class).sources());
                var out = spec.commandLine().getOut();
                out.printf("%-28s  %-10s  %-5s  %-8s  %s%n", "TYPE", "TTL", "STORE", "PERSONAL", "SET BY");
                for (CachePolicy policy : policies) {
                    out.printf(
                            "%-28s  %-10s  %-5s  %-8s  %s%n",
                            policy.type(),
                            policy.ttl(),
                            policy.store(),
                            policy.type().personal(),
                            policy.changedBy() == null
                                    ? "(configured default)"
                                    : policy.changedBy() + " at " + policy.changedAt());
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Sets a type's lifetime and/or store switch.")
    static final class Set implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "TYPE", description = "jira.versions, packaging.packages, source.<name>…")
        String type;

        @Option(names = "--ttl", description = "lifetime: 30s, 10m, 1h, 1d or ISO-8601 (PT10M); 0s keeps nothing")
        @Nullable
        String ttl;

        @Option(names = "--store", arity = "1", description = "true or false: keep this type at all")
        @Nullable
        Boolean store;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            CacheType cacheType = new CacheType(type);
            if (ttl == null && store == null) {
                throw new IllegalArgumentException("give --ttl, --store or both");
            }
            var lifetime = ttl == null ? null : CachePolicy.parseTtl(ttl);
            try (var context = target.open()) {
                CachePolicy changed = context.getBean(CachePolicies.class)
                        .change(cacheType, lifetime, store, "cli:" + System.getProperty("user.name"));
                UsersCommand.audit(context, "cache.set", cacheType.name());
                spec.commandLine()
                        .getOut()
                        .println(cacheType + ": ttl " + changed.ttl() + ", store " + changed.store());
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Drops a type's entries on every server.")
    static final class Clear implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "TYPE")
        String type;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            CacheType cacheType = new CacheType(type);
            try (var context = target.open()) {
                context.getBean(CachePolicies.class).clear(cacheType);
                UsersCommand.audit(context, "cache.clear", cacheType.name());
                spec.commandLine().getOut().println(cacheType + ": entries dropped");
                return PreflightCli.DONE;
            }
        }
    }
}
