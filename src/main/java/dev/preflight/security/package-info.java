/** Who may do what: for now CSRF protection on every state change made with a session; sign-in and roles come next. */
@NullMarked
package dev.preflight.security;

import org.jspecify.annotations.NullMarked;
