package dev.preflight.check;

import java.util.List;

/** A package of the release older than the latest the server has, with the tickets that carry it. */
public record OutdatedPackage(String name, String version, String latest, List<String> tickets) {
    public OutdatedPackage {
        tickets = List.copyOf(tickets);
    }
}
