/** How Preflight is used and how it runs: metrics for Prometheus, cookieless daily usage figures, the Statistics tab. */
@NullMarked
package dev.preflight.usage;

import org.jspecify.annotations.NullMarked;
