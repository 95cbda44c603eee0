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
                request.respond(200, page(items));
            }
            case "/api/v3/leaves" -> leaves(request);
            default -> request.respond(404, Map.of("Message", "Not found: " + request.path()));
        }
    }

    private void leaves(Request request) throws IOException {
        String date = request.query("date");
        if (date == null || !date.startsWith("between,")) {
            request.respond(400, Map.of("Message", "date=between,FROM,TO is required"));
            return;
        }
        String[] range = date.split(",");
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(range[1].substring(0, 10));
            to = LocalDate.parse(range[2].substring(0, 10));
        } catch (RuntimeException e) {
            request.respond(400, Map.of("Message", "bad date range " + date));
            return;
        }
        Set<Integer> owners = new HashSet<>();
        String ownerIds = request.query("leavePeriod.ownerId");
        if (ownerIds != null && !ownerIds.isBlank()) {
            for (String id : ownerIds.split(",")) {
                owners.add(Integer.parseInt(id.trim()));
            }
        }
        List<Object> items = new ArrayList<>();
        for (Scenario.Absence absence : scenario.absences()) {
            int owner = ids.get(absence.email());
            if (!owners.isEmpty() && !owners.contains(owner)) {
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
        request.respond(200, page(items));
    }

    private static Map<String, Object> page(List<Object> items) {
        return Map.of("header", Map.of("principal", "sandbox"), "data", Map.of("items", items));
    }
}
