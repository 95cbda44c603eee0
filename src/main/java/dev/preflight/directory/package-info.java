/** The LDAP directory: e-mail to userPrincipalName (for Teams @mentions) and display name, and back from a Jira account. */
@NullMarked
package dev.preflight.directory;

import org.jspecify.annotations.NullMarked;
