/** The release board: each project's next release, its verdict from the latest complete check and its open tickets, for a wall screen or a phone. */
@NullMarked
package dev.preflight.board;

import org.jspecify.annotations.NullMarked;
