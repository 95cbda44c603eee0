/** The notifications page: one's devices and choices. */
@NullMarked
package dev.preflight.push.web;

import org.jspecify.annotations.NullMarked;
