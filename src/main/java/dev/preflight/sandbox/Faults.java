package dev.preflight.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** The injected failures of one simulated server, consumed request by request. */
final class Faults {

    private final List<Armed> armed = new ArrayList<>();

    Faults(List<Scenario.Fault> faults, String target) {
        faults.stream()
                .filter(fault -> fault.target().equals(target))
                .forEach(fault -> armed.add(new Armed(fault, new AtomicInteger(remaining(fault)))));
    }

    private static int remaining(Scenario.Fault fault) {
        return fault.times() == null ? 1 : fault.times();
    }

    /** The fault this request meets, if any; crash faults are reported separately. */
    synchronized Scenario.@Nullable Fault next(String method, String path) {
        for (Armed fault : armed) {
            if ("crash-after-requests".equals(fault.fault().kind())) {
                continue;
            }
            if (fault.fault().path() != null && !matches(fault.fault().path(), method, path)) {
                continue;
            }
            if (fault.left().get() > 0) {
                fault.left().decrementAndGet();
                return fault.fault();
            }
        }
        return null;
    }

    /** A path prefix, optionally after a method: "POST /api/v1/projects". */
    private static boolean matches(String rule, String method, String path) {
        int space = rule.indexOf(' ');
        if (space > 0) {
            return rule.substring(0, space).equalsIgnoreCase(method) && path.startsWith(rule.substring(space + 1));
        }
        return path.startsWith(rule);
    }

    /** The request count after which the server stops answering, or -1. */
    int crashAfter() {
        return armed.stream()
                .filter(fault -> "crash-after-requests".equals(fault.fault().kind()))
                .mapToInt(fault ->
                        fault.fault().count() == null ? 0 : fault.fault().count())
                .findFirst()
                .orElse(-1);
    }

    /** Arms one more fault at run time (tests). */
    synchronized void add(Scenario.Fault fault) {
        armed.add(new Armed(fault, new AtomicInteger(remaining(fault))));
    }

    private record Armed(Scenario.Fault fault, AtomicInteger left) {}
}
