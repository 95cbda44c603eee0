package dev.preflight.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** An expression the library's own bound never stops (a backtracking regular expression) is given up on time. */
class ExpressionBoundsUnitTest {

    private final SourceLimits limits = SourceLimits.of(Map.of("transform-timeout", "300ms"));
    private final Evaluations evaluations = new Evaluations(2);

    @Test
    void aBacktrackingRegularExpressionIsStoppedWaitingForAtItsBound() {
        Expression runaway = Expression.compile("$contains($, /^(a|a?)+\\1$/)");
        long started = System.nanoTime();
        assertThatThrownBy(() -> runaway.evaluate("a".repeat(27) + "b", Map.of(), limits, evaluations))
                .isInstanceOf(Expression.EvaluationFailure.class)
                .hasMessage("evaluation stopped after 550 ms");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void anOrdinaryExpressionIsUnchanged() throws Exception {
        assertThat(Expression.compile("$count(items)")
                        .evaluate(Map.of("items", java.util.List.of(1, 2, 3)), Map.of(), limits, evaluations))
                .isEqualTo(3);
    }
}
