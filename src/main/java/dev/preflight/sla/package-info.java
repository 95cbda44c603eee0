/** Service levels on findings: business calendars, tracked problems with acknowledgement, clocks and escalation. */
@NullMarked
package dev.preflight.sla;

import org.jspecify.annotations.NullMarked;
