package dev.preflight.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.preflight.jira.JiraClient;
import dev.preflight.jira.JiraVersion;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** Jira's unreleased versions for the release picker, cached briefly: pages should not wait on Jira. */
@Component
class Releases {

    private final JiraClient jira;
    private final Cache<String, List<JiraVersion>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2))
            .maximumSize(100)
            .build();

    Releases(JiraClient jira) {
        this.jira = jira;
    }

    List<JiraVersion> unreleased(String project) {
        // a malformed key never reaches Jira (nor a path like "../version" built from it)
        return cache.get(dev.preflight.report.CheckRequest.requireProject(project), jira::unreleasedVersions);
    }
}
