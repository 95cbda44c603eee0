package dev.preflight.push;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Chrome on Android": enough for a person to tell their devices apart, nothing more kept. */
final class DeviceLabel {

    private DeviceLabel() {}

    static String of(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown browser";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = ua.contains("edg/")
                ? "Edge"
                : ua.contains("firefox/")
                        ? "Firefox"
                        : ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/")
                                ? "Chrome"
                                : ua.contains("safari/") ? "Safari" : "Browser";
        String system = ua.contains("android")
                ? "Android"
                : ua.contains("iphone") || ua.contains("ipad")
                        ? "iOS"
                        : ua.contains("mac os")
                                ? "macOS"
                                : ua.contains("windows") ? "Windows" : ua.contains("linux") ? "Linux" : null;
        return system == null ? browser : browser + " on " + system;
    }
}
