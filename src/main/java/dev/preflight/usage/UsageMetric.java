package dev.preflight.usage;

/** What the daily roll-ups count, each by one dimension that names no person. */
enum UsageMetric {
    /** By page template. */
    PAGE_VIEW("page_view"),
    /** By device class: phone or desktop. */
    DEVICE_VIEW("device_view"),
    /** By feature: export, resend, custom-check-try, board-view. */
    FEATURE("feature"),
    /** By API token name. */
    API_CALL("api_call"),
    /** Daily unique visitors, all devices ({@code all}) and by device class; written once the day is over. */
    UNIQUE_VISITORS("unique_visitors"),
    /** Upstream requests, errors and milliseconds spent, by service. */
    UPSTREAM_CALLS("upstream_calls"),
    UPSTREAM_ERRORS("upstream_errors"),
    UPSTREAM_MILLIS("upstream_millis");

    final String key;

    UsageMetric(String key) {
        this.key = key;
    }
}
