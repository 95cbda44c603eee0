/** The packaging server: its REST API (contract v1), the outdated-package probe, and the managed server process. */
@NullMarked
package dev.preflight.packaging;

import org.jspecify.annotations.NullMarked;
