/** Teams: the report as Adaptive Cards with @mentions, posted to a Workflows webhook through an outbox. */
@NullMarked
package dev.preflight.notify;

import org.jspecify.annotations.NullMarked;
