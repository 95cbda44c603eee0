package dev.preflight.custom;

/**
 * A database source: a query with the named parameters {@code :project}, {@code :release},
 * {@code :packagingRelease} and {@code :tickets} (a list), always bound, never concatenated.
 *
 * @param secret the password's secret name (never its value)
 */
public record JdbcSpec(String url, String user, String secret, String query) {}
