/** Personal push messages to people's phones and desktops (Web Push): devices, preferences, delivery. */
@NullMarked
package dev.preflight.push;

import org.jspecify.annotations.NullMarked;
