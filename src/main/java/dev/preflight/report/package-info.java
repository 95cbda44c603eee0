/** Produces a release's report: fetches from the connectors, runs the check, always cleans up after. */
@NullMarked
package dev.preflight.report;

import org.jspecify.annotations.NullMarked;
