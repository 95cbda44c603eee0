/** The servers' shared cache of upstream reference data: lifetimes per data type set at run time, one upstream call per key, stale-if-error. */
@NullMarked
package dev.preflight.cache;

import org.jspecify.annotations.NullMarked;
