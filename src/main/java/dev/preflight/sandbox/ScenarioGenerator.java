package dev.preflight.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates a scenario of N tickets with chosen proportions of each problem, for tests and
 * benchmarks. The same seed gives the same scenario.
 */
public final class ScenarioGenerator {

    private static final int PEOPLE = 40;

    private final Random random;

    public ScenarioGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The share (0 to 1) of tickets with each problem. */
    public record Mix(
            int tickets,
            double missingInPackaging,
            double missingInJira,
            double invalidFixVersion,
            double disabledChangeRequest,
            double invalidPackage,
            double outdatedPackage,
            double unready) {

        public static Mix typical(int tickets) {
            return new Mix(tickets, 0.05, 0.02, 0.02, 0.02, 0.03, 0.05, 0.3);
        }
    }

    public String generate(Mix mix) {
        return JsonMapper.builder().build().writeValueAsString(scenario(mix));
    }

    private Map<String, Object> scenario(Mix mix) {
        List<Object> users = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            users.add(Map.of(
                    "email",
                    "user" + p + "@example.com",
                    "displayName",
                    "User " + p,
                    "accountId",
                    String.format("acc-%06d", p),
                    "upn",
                    "user" + p + "@corp.example.com"));
        }
        List<Object> issues = new ArrayList<>();
        List<Object> tickets = new ArrayList<>();
        List<Object> changeRequests = new ArrayList<>();
        for (int i = 0; i < mix.tickets(); i++) {
            String key = "ET-" + (10_000 + i);
            boolean outdated = chance(mix.outdatedPackage());
            String pkg = outdated ? "SIX-CORE 1.0" : "SIX-CORE 1.1";
            if (chance(mix.invalidPackage())) {
                pkg = random.nextBoolean() ? "SIX-UNKNOWN 1.0" : "SIX-CORE";
            }
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("key", key);
            issue.put("summary", "Generated change " + i);
            boolean unready = chance(mix.unready());
            issue.put("status", unready ? "In Progress" : "Done");
            issue.put("statusCategory", unready ? "indeterminate" : "done");
            issue.put(
                    "fixVersions",
                    chance(mix.invalidFixVersion() / 2) ? List.of("H3-2026.7", "H3-2026.8") : List.of("H3-2026.7"));
            issue.put("assignee", "user" + random.nextInt(PEOPLE) + "@example.com");
            issue.put("qcAssignee", "user" + random.nextInt(PEOPLE) + "@example.com");
            issue.put("codeReviewer", "user" + random.nextInt(PEOPLE) + "@example.com");
            issue.put("packages", List.of(pkg));
            issues.add(issue);
            if (chance(mix.missingInPackaging())) {
                continue;
            }
            String cr = "CR-" + (100_000 + i);
            String[] parts = pkg.split(" ");
            changeRequests.add(Map.of(
                    "id",
                    cr,
                    "ticketKey",
                    key,
                    "label",
                    "delivery",
                    "enabled",
                    !chance(mix.disabledChangeRequest()),
                    "packages",
                    parts.length == 2 ? List.of(Map.of("name", parts[0], "version", parts[1])) : List.of()));
            tickets.add(Map.of(
                    "key",
                    key,
                    "fixVersion",
                    chance(mix.invalidFixVersion() / 2) ? "2026.6" : "2026.7",
                    "release",
                    "2026.7",
                    "changeRequests",
                    List.of(cr)));
        }
        int onlyInPackaging = (int) Math.round(mix.tickets() * mix.missingInJira());
        for (int i = 0; i < onlyInPackaging; i++) {
            String cr = "CR-" + (900_000 + i);
            changeRequests.add(Map.of(
                    "id",
                    cr,
                    "ticketKey",
                    "ET-" + (900_000 + i),
                    "label",
                    "delivery",
                    "enabled",
                    true,
                    "packages",
                    List.of()));
            tickets.add(Map.of(
                    "key",
                    "ET-" + (900_000 + i),
                    "fixVersion",
                    "2026.7",
                    "release",
                    "2026.7",
                    "changeRequests",
                    List.of(cr)));
        }
        Map<String, Object> jira = new LinkedHashMap<>();
        jira.put("project", Map.of("key", "ET", "name", "Equity Trader"));
        jira.put(
                "versions",
                List.of(
                        Map.of("name", "H3-2026.6", "released", true, "releaseDate", "2026-11-20"),
                        Map.of("name", "H3-2026.7", "released", false, "releaseDate", "2026-12-04"),
                        Map.of("name", "H3-2026.8", "released", false, "releaseDate", "2027-01-15")));
        jira.put("issues", issues);
        Map<String, Object> packaging = new LinkedHashMap<>();
        packaging.put("project", "ET");
        packaging.put("releasePrefix", "H3-");
        packaging.put("releases", List.of(Map.of("name", "2026.6"), Map.of("name", "2026.7")));
        packaging.put("tickets", tickets);
        packaging.put("changeRequests", changeRequests);
        packaging.put("packages", List.of(Map.of("name", "SIX-CORE", "versions", List.of("1.0", "1.1"))));
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("format", Scenario.FORMAT);
        scenario.put("jira", jira);
        scenario.put("users", users);
        scenario.put("packaging", packaging);
        scenario.put("absences", List.of());
        return scenario;
    }

    private boolean chance(double share) {
        return random.nextDouble() < share;
    }
}
