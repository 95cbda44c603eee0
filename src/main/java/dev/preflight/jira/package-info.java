/** Jira Cloud REST v3: the next release, its issues (enhanced search + bulk fetch), people and custom fields. */
@NullMarked
package dev.preflight.jira;

import org.jspecify.annotations.NullMarked;
