/** HTTP sources: the one hardened outbound client, the allowed-hosts rules, auth, placeholders and paging. */
@NullMarked
package dev.preflight.custom.http;

import org.jspecify.annotations.NullMarked;
