/** When checks run by themselves: cron rules in a time zone with an ISO-week parity. */
@NullMarked
package dev.preflight.schedule;

import org.jspecify.annotations.NullMarked;
