package dev.preflight.custom;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled JSONata expression, evaluated within a time and recursion bound so a runaway
 * expression is a clear error, not a hung check. Not for concurrent use: one per evaluating thread.
 */
final class Expression {

    private final String text;
    private final Jsonata compiled;

    private Expression(String text, Jsonata compiled) {
        this.text = text;
        this.compiled = compiled;
    }

    /** @throws IllegalArgumentException with the parser's one-line message */
    static Expression compile(String text) {
        try {
            Jsonata compiled = Jsonata.jsonata(text);
            // inputs are plain JSON values already (Jackson's, or rows made so); validating them
            // again walks the whole facts for each of a release's thousands of tickets
            compiled.setValidateInput(false);
            return new Expression(text, compiled);
        } catch (JException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a JSONata expression (" + oneLine(e) + ")");
        }
    }

    String text() {
        return text;
    }

    /** Evaluated on one of {@code evaluations}' threads, given up a little after the time bound. */
    @Nullable
    Object evaluate(
            @Nullable Object input,
            Map<String, @Nullable Object> bindings,
            SourceLimits limits,
            Evaluations evaluations)
            throws EvaluationFailure {
        return evaluations.within(
                limits.transformTimeout().plusMillis(250), () -> evaluateHere(input, bindings, limits));
    }

    private @Nullable Object evaluateHere(
            @Nullable Object input, Map<String, @Nullable Object> bindings, SourceLimits limits)
            throws EvaluationFailure {
        Jsonata.Frame frame = compiled.createFrame();
        frame.setRuntimeBounds(limits.transformTimeout().toMillis(), limits.transformDepth());
        bindings.forEach(frame::bind);
        try {
            Object result = compiled.evaluate(input, frame);
            return result == Jsonata.NULL_VALUE ? null : result;
        } catch (JException | StackOverflowError | ClassCastException | IllegalArgumentException e) {
            throw new EvaluationFailure(oneLine(e));
        } catch (OutOfMemoryError e) {
            // the huge value was this evaluation's own: unwinding frees it
            throw new EvaluationFailure("evaluation needs more memory than a transform may use");
        } catch (RuntimeException e) {
            throw new EvaluationFailure("evaluation failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    static boolean truthy(@Nullable Object value) {
        return value != null && Jsonata.boolize(value);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof StackOverflowError) {
            message = "expression recursed too deeply";
        }
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    /** An expression that failed on its data, e.g. over its time bound. */
    static final class EvaluationFailure extends Exception {
        EvaluationFailure(String message) {
            super(message);
        }
    }
}
