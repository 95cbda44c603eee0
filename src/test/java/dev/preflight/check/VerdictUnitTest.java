package dev.preflight.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictUnitTest {

    private static Finding finding(Severity severity) {
        return new Finding("ET-1", null, Category.UNREADY, severity, null, "detail", null);
    }

    @Test
    void aBlockingFindingMakesTheReleaseNotReadyAndTheHeadlineCountsEverySeverityItHas() {
        Verdict verdict = Verdict.of(List.of(
                finding(Severity.BLOCKING),
                finding(Severity.BLOCKING),
                finding(Severity.MINOR),
                finding(Severity.SEMI_BLOCKING)));

        assertThat(verdict.ready()).isFalse();
        assertThat(verdict.total()).isEqualTo(4);
        assertThat(verdict.headline()).isEqualTo("Not ready — 2 blocking, 1 semi-blocking, 1 minor");
    }

    @Test
    void withoutBlockingFindingsTheReleaseIsReadyAndSaysWhatIsLeft() {
        assertThat(Verdict.of(List.of(finding(Severity.MINOR))).headline()).isEqualTo("Ready — 1 minor");
        assertThat(Verdict.of(List.of()).headline()).isEqualTo("Ready — no findings");
        assertThat(Verdict.of(List.of(finding(Severity.SEMI_BLOCKING))).ready()).isTrue();
    }

    @Test
    void countsCannotBeNegative() {
        assertThatThrownBy(() -> new Verdict(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
