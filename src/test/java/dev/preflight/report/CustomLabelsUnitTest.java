package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.Category;
import dev.preflight.check.ReleaseReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** A custom check's label is a team's own text: it cannot break the JUnit XML or format the Markdown. */
class CustomLabelsUnitTest {

    private final Category signOff = Category.custom("sign-off", "R&D \"sign-off\" | [x](https://evil)");
    private final ReleaseReport report = new ReleaseReport(
            "ET",
            "H3-2026.7",
            "2026.7",
            Instant.parse("2026-12-07T09:00:00Z"),
            "success",
            Map.of(signOff, 0),
            List.of(),
            List.of(),
            List.of(),
            List.of());

    @Test
    void theJunitXmlStaysWellFormed() throws Exception {
        String xml = new ReportJunit().write(report, Set.of());
        var document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getElementsByTagName("testcase").getLength()).isPositive();
        assertThat(xml).contains("R&amp;D &quot;sign-off&quot;");
    }

    @Test
    void theMarkdownShowsItAsText() {
        assertThat(new ReportMarkdown().write(report))
                .contains("R&amp;D \"sign-off\" \\| \\[x\\]\\(https://evil\\)")
                .doesNotContain("[x](https://evil)");
    }
}
