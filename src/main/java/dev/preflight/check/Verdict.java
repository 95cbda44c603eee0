package dev.preflight.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The release manager's question answered: is the release ready? It is when no finding is
 * blocking; the counts are findings per severity. Independent of whether the run itself worked.
 */
public record Verdict(int blocking, int semiBlocking, int minor) {

    public Verdict {
        if (blocking < 0 || semiBlocking < 0 || minor < 0) {
            throw new IllegalArgumentException("verdict counts cannot be negative");
        }
    }

    public static Verdict of(List<Finding> findings) {
        return counting(findings.stream().map(Finding::severity).toList());
    }

    /** The verdict of findings with these severities (a stored or imported report's, read back). */
    public static Verdict counting(List<Severity> severities) {
        int blocking = 0;
        int semiBlocking = 0;
        int minor = 0;
        for (Severity severity : severities) {
            switch (severity) {
                case BLOCKING -> blocking++;
                case SEMI_BLOCKING -> semiBlocking++;
                case MINOR -> minor++;
            }
        }
        return new Verdict(blocking, semiBlocking, minor);
    }

    public boolean ready() {
        return blocking == 0;
    }

    public int total() {
        return blocking + semiBlocking + minor;
    }

    public int count(Severity severity) {
        return switch (severity) {
            case BLOCKING -> blocking;
            case SEMI_BLOCKING -> semiBlocking;
            case MINOR -> minor;
        };
    }

    /** "Ready" or "Not ready", the word people read first. */
    public String word() {
        return ready() ? "Ready" : "Not ready";
    }

    /** "Not ready — 15 blocking, 4 semi-blocking, 17 minor", "Ready — 2 minor" or "Ready — no findings". */
    public String headline() {
        return word() + " — " + counts();
    }

    /** "15 blocking, 4 semi-blocking, 17 minor", leaving out severities with none; "no findings". */
    public String counts() {
        List<String> parts = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            if (count(severity) > 0) {
                parts.add(count(severity) + " " + severity.key());
            }
        }
        return parts.isEmpty() ? "no findings" : String.join(", ", parts);
    }
}
