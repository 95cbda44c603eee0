package dev.preflight.security;

import jakarta.servlet.http.HttpServletRequest;

/** What a handler tells the audit about its request: the target it acted on, when the request's parameters do not say. */
public final class Audit {

    static final String TARGET = "preflight.audit.target";

    private Audit() {}

    /** The audit names this target for the request (e.g. "ET H3-2026.7" for a check started from JSON). */
    public static void target(HttpServletRequest request, String target) {
        request.setAttribute(TARGET, target);
    }
}
