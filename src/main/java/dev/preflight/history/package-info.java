/** Every execution of the check, stored with its report, findings and log: browse, filter, export, import. */
@NullMarked
package dev.preflight.history;

import org.jspecify.annotations.NullMarked;
