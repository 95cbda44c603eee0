/** The web UI and the JSON API. */
@NullMarked
package dev.preflight.web;

import org.jspecify.annotations.NullMarked;
