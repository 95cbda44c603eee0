/** The {@code preflight} command line: check, latest, demo, sandbox. */
@NullMarked
package dev.preflight.cli;

import org.jspecify.annotations.NullMarked;
