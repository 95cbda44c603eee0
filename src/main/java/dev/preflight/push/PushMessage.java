package dev.preflight.push;

import java.util.Objects;

/**
 * One notification as a device shows it. It says no more than its recipient may read in Preflight:
 * counts, a release's name, a problem's summary; the page it opens asks them to sign in.
 *
 * @param url the page a tap opens, a path on this server
 * @param tag a later message with the same tag replaces this one on the device (and, not yet
 *     delivered, at the push service)
 */
public record PushMessage(MessageKind kind, String title, String body, String url, String tag, Urgency urgency) {

    /** RFC 8030's {@code Urgency}: how soon a device on battery should be woken for it. */
    public enum Urgency {
        LOW,
        NORMAL,
        HIGH
    }

    private static final int TITLE = 120;
    private static final int BODY = 600;

    public PushMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(urgency, "urgency");
        if (!url.startsWith("/") || url.startsWith("//")) {
            throw new IllegalArgumentException("url must be a path on this server");
        }
        // a payload is at most 4 KB once encrypted (RFC 8291): texts are cut well below that
        title = cut(title, TITLE);
        body = cut(body, BODY);
        tag = cut(tag, 100);
    }

    private static String cut(String text, int limit) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= limit ? clean : clean.substring(0, limit - 1) + "…";
    }
}
