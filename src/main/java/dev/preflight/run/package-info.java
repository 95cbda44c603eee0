/** Runs checks: the one way for the CLI, the web, the API and schedules, with the release claim, heartbeat, cancellation and history record. */
@NullMarked
package dev.preflight.run;

import org.jspecify.annotations.NullMarked;
