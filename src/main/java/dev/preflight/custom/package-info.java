/** Custom checks: sources over any web API or database, JSONata transforms and conditions, turned into findings. */
@NullMarked
package dev.preflight.custom;

import org.jspecify.annotations.NullMarked;
