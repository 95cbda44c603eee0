/** JSON over HTTP for the connectors: timeouts, bounded retries, and errors that name the endpoint. */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.preflight.upstream;

import org.jspecify.annotations.NullMarked;
