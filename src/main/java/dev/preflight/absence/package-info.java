/** The Lucca absence calendar: is this person away on day D, morning or afternoon. */
@NullMarked
package dev.preflight.absence;

import org.jspecify.annotations.NullMarked;
