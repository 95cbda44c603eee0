/** Reference data read through the shared cache: versions, packaging releases and packages, people, absences; never the release under check. */
@NullMarked
package dev.preflight.reference;

import org.jspecify.annotations.NullMarked;
