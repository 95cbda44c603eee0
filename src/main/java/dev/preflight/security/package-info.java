/** Who may do what: sign-in (local accounts, OpenID Connect), roles, API tokens, network rules and the audit log. */
@NullMarked
package dev.preflight.security;

import org.jspecify.annotations.NullMarked;
