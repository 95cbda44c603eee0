package dev.preflight.sandbox;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** Lucca API v3: users (id, mail) and leaves, one item per half-day as Lucca serves them. */
final class LuccaSimulator extends SimulatedServer {

    private final Scenario scenario;
    private final SandboxCredentials credentials;
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    LuccaSimulator(Scenario scenario, SandboxCredentials credentials, JsonMapper json) {
        super(scenario, "lucca", json);
        this.scenario = scenario;
        this.credentials = credentials;
        for (int i = 0; i < scenario.users().size(); i++) {
            ids.put(scenario.users().get(i).email(), 400 + i);
        }
    }

    @Override
    protected Object faultBody(int status) {
        return Map.of("Message", "Injected failure " + status);
    }

    @Override
    protected void handle(Request request) throws IOException {
        if (!("lucca application=" + credentials.luccaKey()).equals(request.header("Authorization"))) {
            request.respond(401, Map.of("Message", "Unauthorized"));
            return;
        }
        switch (request.path()) {
            case "/api/v3/users" -> {
                List<Object> items = new ArrayList<>();
                ids.forEach((mail, id) -> items.add(Map.of("id", id, "mail", mail)));
                respondPage(request, items);
            }
            case "/api/v3/leaves" -> leaves(request);
            default -> request.respond(404, Map.of("Message", "Not found: " + request.path()));
        }
    }

    /**
     * Lucca's documented rules for a leaves query: a date filter and an owners filter are both
     * required; owner ids are positive integers.
     */
    private void leaves(Request request) throws IOException {
        String date = request.query("date");
        if (date == null || date.isBlank()) {
            invalid(request, "date", "You MUST filter leaves on a date range with ?date=");
            return;
        }
        LocalDate from;
        LocalDate to;
        try {
            String[] parts = date.split(",");
            switch (parts[0]) {
                case "between" -> {
                    from = day(parts[1]);
                    to = day(parts[2]);
                }
                case "since" -> {
                    from = day(parts[1]);
                    to = LocalDate.MAX;
                }
                case "until" -> {
                    from = LocalDate.MIN;
                    to = day(parts[1]);
                }
                default -> {
                    from = day(parts[0]);
                    to = from;
                }
            }
        } catch (RuntimeException e) {
            invalid(request, "date", "The date filter '" + date + "' is not valid");
            return;
        }
        String ownerIds = request.query("leavePeriod.ownerId");
        if (ownerIds == null || ownerIds.isBlank()) {
            boolean otherOwnerFilter = request.query("leavePeriod.owner.departmentId") != null
                    || request.query("leavePeriod.owner.legalEntityId") != null;
            invalid(
                    request,
                    "leavePeriod.ownerId",
                    otherOwnerFilter
                            ? "The sandbox filters owners by leavePeriod.ownerId only"
                            : "You MUST filter leaves on a set of employees with ?leavePeriod.ownerId=");
            return;
        }
        Set<Integer> owners = new HashSet<>();
        for (String id : ownerIds.split(",")) {
            try {
                int owner = Integer.parseInt(id.trim());
                if (owner < 1) {
                    throw new NumberFormatException();
                }
                owners.add(owner);
            } catch (NumberFormatException e) {
                invalid(request, "leavePeriod.ownerId", "'" + id + "' is not a valid id (x >= 1)");
                return;
            }
        }
        List<Object> items = new ArrayList<>();
        for (Scenario.Absence absence : scenario.absences()) {
            int owner = ids.get(absence.email());
            if (!owners.contains(owner)) {
                continue;
            }
            for (LocalDate day = absence.from(); !day.isAfter(absence.to()); day = day.plusDays(1)) {
                if (day.isBefore(from) || day.isAfter(to)) {
                    continue;
                }
                for (boolean am : new boolean[] {true, false}) {
                    if (absence.halfDay() != null && absence.halfDay().equals("am") != am) {
                        continue;
                    }
                    Map<String, Object> leave = new LinkedHashMap<>();
                    leave.put("id", owner + "-" + day + (am ? "-AM" : "-PM"));
                    leave.put("date", day + "T00:00:00");
                    leave.put("isAm", am);
                    leave.put("isActive", !Boolean.TRUE.equals(absence.cancelled()));
                    leave.put("leavePeriod", Map.of("ownerId", owner));
                    items.add(leave);
                }
            }
        }
        respondPage(request, items);
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text.substring(0, 10));
    }

    /**
     * One page of a collection: {@code paging=offset,limit}, 0,1000 when absent (so a client that
     * does not page loses what is past the first thousand, as with Lucca); at most 10,000.
     */
    private void respondPage(Request request, List<Object> items) throws IOException {
        int offset = 0;
        int limit = DEFAULT_LIMIT;
        String paging = request.query("paging");
        if (paging != null) {
            String[] parts = paging.split(",");
            try {
                offset = Integer.parseInt(parts[0].trim());
                limit = Integer.parseInt(parts[1].trim());
            } catch (RuntimeException e) {
                invalid(request, "paging", "paging must be {offset},{limit}");
                return;
            }
            if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
                invalid(request, "paging", "limit must be between 1 and " + MAX_LIMIT + ", offset at least 0");
                return;
            }
        }
        List<Object> page = items.subList(Math.min(offset, items.size()), Math.min(items.size(), offset + limit));
        request.respond(200, Map.of("header", Map.of("principal", "sandbox"), "data", Map.of("items", page)));
    }

    /** Lucca's validation error: RFC 7807 problem details with the offending field. */
    private void invalid(Request request, String field, String message) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://tools.ietf.org/html/rfc7231#section-6.5.1");
        problem.put("title", "One or more validation errors occurred.");
        problem.put("status", 400);
        problem.put("errors", Map.of(field, List.of(message)));
        request.respondRaw(400, "application/problem+json", json.writeValueAsString(problem));
    }
}
