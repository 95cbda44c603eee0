package dev.preflight.check;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One release on the packaging server: its tickets and their change requests. */
public record PackagingRelease(String name, List<Ticket> tickets, List<ChangeRequest> changeRequests) {

    public PackagingRelease {
        tickets = List.copyOf(tickets);
        changeRequests = List.copyOf(changeRequests);
    }

    /** The fix version the packaging server recorded for the ticket may differ from the release. */
    public record Ticket(String key, String fixVersion, List<String> changeRequests) {
        public Ticket {
            changeRequests = List.copyOf(changeRequests);
        }
    }

    public record ChangeRequest(
            String id, String ticketKey, String label, boolean enabled, List<PackageVersion> packages) {
        public ChangeRequest {
            packages = List.copyOf(packages);
        }
    }

    public Map<String, ChangeRequest> changeRequestsById() {
        return changeRequests.stream()
                .collect(Collectors.toMap(ChangeRequest::id, Function.identity(), (first, second) -> first));
    }
}
