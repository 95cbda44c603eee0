package dev.preflight.reference;

import dev.preflight.absence.AbsenceCalendar;
import dev.preflight.cache.CacheType;
import dev.preflight.cache.Cached;
import dev.preflight.cache.SharedCache;
import dev.preflight.check.KnownPackage;
import dev.preflight.directory.Directory;
import dev.preflight.directory.DirectoryEntry;
import dev.preflight.directory.DirectoryProperties;
import dev.preflight.jira.JiraClient;
import dev.preflight.jira.JiraVersion;
import dev.preflight.packaging.PackagingClient;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The upstream reads that many people share, each through its cache type. The tickets, change
 * requests and statuses of a release under check are not here: a check reads those fresh.
 */
@Component
public class ReferenceData {

    private final SharedCache cache;
    private final JiraClient jira;
    private final PackagingClient packaging;
    private final AbsenceCalendar absences;

    public ReferenceData(SharedCache cache, JiraClient jira, PackagingClient packaging, AbsenceCalendar absences) {
        this.cache = cache;
        this.jira = jira;
        this.packaging = packaging;
        this.absences = absences;
    }

    /** The project's unreleased versions, soonest first. */
    public Cached<List<JiraVersion>> unreleasedVersions(String project) {
        return unreleasedVersions(project, Freshness.KEPT);
    }

    public Cached<List<JiraVersion>> unreleasedVersions(String project, Freshness freshness) {
        return read(
                freshness, CacheType.JIRA_VERSIONS, "unreleased " + project, () -> jira.unreleasedVersions(project));
    }

    /** The project's versions of the given statuses (comma-separated). */
    public Cached<List<JiraVersion>> versions(String project, String statuses, Freshness freshness) {
        return read(
                freshness,
                CacheType.JIRA_VERSIONS,
                "versions " + project + " " + statuses,
                () -> jira.versions(project, statuses));
    }

    /**
     * KEPT: what the cache holds within its lifetime. NOW: read from the upstream now (sharing a
     * read under way) and kept for the others, for a check that must not act on an old answer.
     */
    public enum Freshness {
        KEPT,
        NOW
    }

    private <T> Cached<T> read(Freshness freshness, CacheType type, String key, java.util.function.Supplier<T> loader) {
        return freshness == Freshness.NOW ? cache.reload(type, key, loader) : cache.get(type, key, loader);
    }

    /** How many tickets of a version are not done yet. */
    public Cached<Integer> ticketsNotDone(String project, String version) {
        return cache.get(
                CacheType.JIRA_OPEN_TICKETS, project + " " + version, () -> jira.countNotDone(project, version));
    }

    public Cached<List<String>> packagingReleases(String project) {
        return packagingReleases(project, Freshness.KEPT);
    }

    public Cached<List<String>> packagingReleases(String project, Freshness freshness) {
        return read(freshness, CacheType.PACKAGING_RELEASES, project, () -> packaging.releases(project));
    }

    /** The packaging server's catalogue entries for these names (unknown names absent). */
    public Cached<Map<String, KnownPackage>> packages(Collection<String> names, Freshness freshness) {
        TreeSet<String> sorted = new TreeSet<>(names);
        return read(
                freshness, CacheType.PACKAGING_PACKAGES, String.join(",", sorted), () -> packaging.packages(sorted));
    }

    /** Who is away on a day, among these people. */
    public Cached<AbsenceCalendar.Absences> absences(LocalDate day, Collection<String> emails) {
        TreeSet<String> sorted = new TreeSet<>(emails);
        return cache.get(
                CacheType.ABSENCES, day + " " + String.join(",", sorted), () -> absences.absencesOn(day, sorted));
    }

    /** Directory look-ups, the connection opened at the first one not answered from the cache. */
    public People people(DirectoryProperties properties) {
        return new People(properties);
    }

    /** Look-ups in the directory for one task; close it when done. */
    public final class People implements AutoCloseable {
        private final DirectoryProperties properties;
        private @Nullable Directory directory;

        private People(DirectoryProperties properties) {
            this.properties = properties;
        }

        public Cached<Optional<DirectoryEntry>> byAccountId(String accountId) {
            return lookUp("account " + accountId, d -> d.byAccountId(accountId));
        }

        public Cached<Optional<DirectoryEntry>> byDisplayName(String displayName) {
            return lookUp("name " + displayName, d -> d.byDisplayName(displayName));
        }

        public Cached<Optional<DirectoryEntry>> byMail(String mail) {
            return lookUp("mail " + mail, d -> d.byMail(mail));
        }

        private Cached<Optional<DirectoryEntry>> lookUp(
                String key, Function<Directory, Optional<DirectoryEntry>> read) {
            return cache.get(CacheType.DIRECTORY_PEOPLE, key, () -> read.apply(open()));
        }

        private synchronized Directory open() {
            if (directory == null) {
                directory = new Directory(properties);
            }
            return directory;
        }

        @Override
        public synchronized void close() {
            if (directory != null) {
                directory.close();
            }
        }
    }
}
