/** The outside world of a release (Jira, packaging server, LDAP, Lucca, Teams) served over the real protocols from one scenario file. */
@NullMarked
package dev.preflight.sandbox;

import org.jspecify.annotations.NullMarked;
