package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandIntegrationTest {

    @TempDir
    Path dir;

    @BeforeEach
    void database() {
        System.setProperty("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db") + "");
    }

    @AfterEach
    void forget() {
        System.clearProperty("spring.datasource.url");
    }

    @Test
    void checksAreStoredAndCanBeListedShownExportedAndImported() throws Exception {
        CliRun check = CliRun.of(
                "check",
                "--project",
                "ET",
                "--sandbox",
                CheckCommandIntegrationTest.DEMO,
                "--skip",
                "resync",
                "--format",
                "json");
        Matcher stored = Pattern.compile("stored as execution ([0-9a-f-]{36})").matcher(check.err());
        assertThat(stored.find()).as(check.err()).isTrue();
        String id = stored.group(1);

        CliRun list = CliRun.of("history", "list", "--project", "ET", "--status", "success");
        assertThat(list.out()).contains(id, "H3-2026.7", "success");
        assertThat(CliRun.of("history", "list", "--format", "json").out()).contains("\"id\":\"" + id + "\"");
        assertThat(CliRun.of("history", "show", id).out())
                .contains("Reading Jira release H3-2026.7", "preflight-report/1");

        Path file = dir.resolve("run.json");
        assertThat(CliRun.of("history", "export", id, "-o", file.toString()).exitCode())
                .isZero();
        assertThat(Files.readString(file)).contains("preflight-execution/1", "preflight-report/1");

        CliRun duplicate = CliRun.of("history", "import", file.toString());
        assertThat(duplicate.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(duplicate.err().strip())
                .isEqualTo("preflight: import " + file + ": execution " + id + " is already in history");
    }

    @Test
    void badIdsAndFilesAreOneLine() {
        CliRun notAnId = CliRun.of("history", "show", "42");
        CliRun unknown = CliRun.of("history", "show", "00000000-0000-0000-0000-000000000000");
        CliRun missing = CliRun.of("history", "import", dir.resolve("none.json").toString());
        CliRun status = CliRun.of("history", "list", "--status", "great");

        assertThat(notAnId.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(notAnId.err().strip()).isEqualTo("preflight: '42' is not an execution id (a UUID)");
        assertThat(unknown.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(unknown.err().strip()).isEqualTo("preflight: no execution 00000000-0000-0000-0000-000000000000");
        assertThat(missing.err().strip()).endsWith("none.json: no such file");
        assertThat(status.err()).contains("unknown status 'great'");
    }
}
