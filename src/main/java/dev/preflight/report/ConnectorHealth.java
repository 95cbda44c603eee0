package dev.preflight.report;

import dev.preflight.absence.AbsenceCalendar;
import dev.preflight.directory.Directory;
import dev.preflight.directory.DirectoryProperties;
import dev.preflight.jira.JiraClient;
import dev.preflight.packaging.PackagingClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Service;

/**
 * "Test connection" for every connector: each one is asked something cheap that needs valid
 * credentials. A managed packaging server that is not running is reported as such, not started.
 */
@Service
public class ConnectorHealth {

    private final JiraClient jira;
    private final PackagingClient packaging;
    private final DirectoryProperties directory;
    private final AbsenceCalendar absences;

    public ConnectorHealth(
            JiraClient jira, PackagingClient packaging, DirectoryProperties directory, AbsenceCalendar absences) {
        this.jira = jira;
        this.packaging = packaging;
        this.directory = directory;
        this.absences = absences;
    }

    /** One connector's state: up with a detail, or down with the reason. */
    public record Status(String connector, boolean up, String detail, Duration took) {}

    public List<Status> check() {
        List<Status> statuses = new ArrayList<>();
        statuses.add(probe("Jira", () -> "signed in as " + jira.whoAmI()));
        statuses.add(probe("Packaging server", () -> {
            String version = packaging.health();
            packaging.signIn();
            return "version " + version + ", credentials accepted";
        }));
        statuses.add(probe("Directory (LDAP)", () -> {
            try (Directory ldap = new Directory(directory)) {
                return ldap.verify();
            }
        }));
        statuses.add(probe("Absences (Lucca)", absences::verify));
        return statuses;
    }

    private static Status probe(String connector, Callable<String> call) {
        long start = System.nanoTime();
        try {
            String detail = call.call();
            return new Status(connector, true, detail, Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Status(
                    connector,
                    false,
                    message.lines().findFirst().orElse(message),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
