/** The Statistics tab. */
@NullMarked
package dev.preflight.usage.web;

import org.jspecify.annotations.NullMarked;
