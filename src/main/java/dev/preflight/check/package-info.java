/** The seven consistency rules over one release: plain Java, fed by the connectors, returns a {@link dev.preflight.check.ReleaseReport}. */
@NullMarked
package dev.preflight.check;

import org.jspecify.annotations.NullMarked;
