package dev.preflight.absence;

import dev.preflight.upstream.JsonHttp;
import dev.preflight.upstream.RetryPolicy;
import dev.preflight.upstream.UpstreamException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lucca leaves: who is away on a given day, by half-day. Cancelled leaves do not count. */
public final class AbsenceCalendar {

    private final JsonHttp http;
    private final String authorization;

    public AbsenceCalendar(AbsenceProperties properties, JsonMapper json) {
        this.http = new JsonHttp(
                "Lucca",
                properties.url().toString(),
                properties.timeout(),
                properties.timeout(),
                new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(20)),
                Set.of(429, 502, 503, 504),
                json);
        this.authorization = "lucca application=" + properties.key();
    }

    /**
     * Lucca answers at most this many items a page (its documented default); pages are read until
     * a short one. Owners go in batches small enough to keep the URL short.
     */
    static final int PAGE_SIZE = 1000;

    static final int OWNERS_PER_QUERY = 100;

    /**
     * Who among {@code emails} is away on {@code day}, by half-day. Lucca requires a leaves query
     * to name both a date range and its owners: the owners are these people's Lucca ids, in batches.
     */
    public Absences absencesOn(LocalDate day, Collection<String> emails) {
        Map<String, Integer> ids = userIds();
        Map<Integer, String> mailById = new HashMap<>();
        ids.forEach((mail, id) -> mailById.put(id, mail));
        List<Integer> owners = emails.stream()
                .map(email -> ids.get(email.toLowerCase(Locale.ROOT)))
                .filter(java.util.Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
        Map<String, Set<HalfDay>> away = new HashMap<>();
        for (int i = 0; i < owners.size(); i += OWNERS_PER_QUERY) {
            String ownerIds = owners.subList(i, Math.min(owners.size(), i + OWNERS_PER_QUERY)).stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(","));
            String query = "/api/v3/leaves?date=between," + day + "," + day + "&leavePeriod.ownerId="
                    + URLEncoder.encode(ownerIds, StandardCharsets.UTF_8)
                    + "&fields=id,date,isAm,isActive,leavePeriod.ownerId";
            for (JsonNode leave : pages(query)) {
                if (!leave.path("isActive").asBoolean(true)) {
                    continue;
                }
                String mail =
                        mailById.get(leave.path("leavePeriod").path("ownerId").asInt(-1));
                if (mail == null || !leave.path("date").asString("").startsWith(day.toString())) {
                    continue;
                }
                // Lucca spells it isAM in places; accept both
                boolean morning = leave.has("isAm")
                        ? leave.path("isAm").asBoolean()
                        : leave.path("isAM").asBoolean();
                away.computeIfAbsent(mail, m -> new HashSet<>()).add(morning ? HalfDay.MORNING : HalfDay.AFTERNOON);
            }
        }
        return new Absences(day, away);
    }

    /** Test connection: how many users Lucca lists. */
    public String verify() {
        return userIds().size() + " users";
    }

    private Map<String, Integer> userIds() {
        Map<String, Integer> ids = new HashMap<>();
        for (JsonNode user : pages("/api/v3/users?fields=id,mail")) {
            if (user.path("mail").isString()) {
                ids.put(
                        user.path("mail").stringValue().toLowerCase(Locale.ROOT),
                        user.path("id").asInt());
            }
        }
        return ids;
    }

    /** Every item of a collection, read page by page ({@code paging=offset,limit}). */
    private List<JsonNode> pages(String query) {
        List<JsonNode> items = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE_SIZE) {
            JsonNode page = get(query + "&paging=" + offset + "," + PAGE_SIZE)
                    .path("data")
                    .path("items");
            page.forEach(items::add);
            if (page.size() < PAGE_SIZE) {
                return items;
            }
        }
    }

    private JsonNode get(String path) {
        JsonHttp.Answer answer = http.send("GET", path, null, authorization);
        String endpoint = "GET " + path.replaceAll("\\?.*", "");
        if (answer.status() == 401 || answer.status() == 403) {
            throw new UpstreamException(
                    "Lucca", endpoint, answer.status(), "not authorised (check PREFLIGHT_LUCCA_KEY)");
        }
        if (answer.status() >= 300 || answer.body() == null) {
            throw new UpstreamException("Lucca", endpoint, answer.status(), JsonHttp.errorText(answer.body()));
        }
        return answer.body();
    }

    /** The absences of one day. */
    public record Absences(LocalDate day, Map<String, Set<HalfDay>> halfDays) {
        public boolean isAbsent(String email, HalfDay halfDay) {
            return halfDays.getOrDefault(email.toLowerCase(Locale.ROOT), Set.of())
                    .contains(halfDay);
        }
    }
}
