/** Surviving the loss of the database's primary: reads from a replica, writes refused cleanly until a primary is back. */
@NullMarked
package dev.preflight.continuity;

import org.jspecify.annotations.NullMarked;
