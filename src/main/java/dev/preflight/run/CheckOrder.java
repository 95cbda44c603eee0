package dev.preflight.run;

import dev.preflight.history.Trigger;
import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to check and on whose behalf: the request, what started it and who (a person, a token,
 * a schedule, the CLI's user), the Teams step, extra switches to record, and where to report
 * progress as it goes.
 */
public record CheckOrder(
        CheckRequest request,
        Trigger trigger,
        @Nullable String triggeredBy,
        Teams teams,
        Map<String, Object> options,
        CheckProgress progress) {

    public CheckOrder {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(trigger, "trigger");
        if (triggeredBy != null && triggeredBy.isBlank()) {
            triggeredBy = null;
        }
        options = Map.copyOf(options);
    }

    public CheckOrder(CheckRequest request, Trigger trigger, @Nullable String triggeredBy, Teams teams) {
        this(request, trigger, triggeredBy, teams, Map.of(), CheckProgress.silent());
    }

    public CheckOrder withProgress(CheckProgress progress) {
        return new CheckOrder(request, trigger, triggeredBy, teams, options, progress);
    }

    /** The switches stored with the execution. */
    Map<String, Object> recordedOptions() {
        Map<String, Object> recorded = new LinkedHashMap<>(options);
        recorded.put("resync", request.runs(CheckRequest.Step.RESYNC));
        recorded.put("outdated", request.runs(CheckRequest.Step.OUTDATED));
        recorded.put("notify", teams.post());
        if (teams.post()) {
            recorded.put("mentions", teams.mentions());
            if (teams.threadRootId() != null) {
                recorded.put("thread", teams.threadRootId());
            }
        }
        return recorded;
    }

    /**
     * The Teams step, done once the report is stored: post or not, as a reply in a thread (its
     * root message id, from a parsed link), with @mentions or names, or a dry run that only
     * stores the cards.
     */
    public record Teams(boolean post, @Nullable String threadRootId, boolean mentions, boolean dryRun) {

        public static Teams none() {
            return new Teams(false, null, false, false);
        }

        public static Teams post(@Nullable String threadRootId, boolean mentions) {
            return new Teams(true, threadRootId, mentions, false);
        }
    }
}
