package dev.preflight.notify;

/**
 * Text from Jira or the directory, made inert for Adaptive Card markdown: it cannot format, link
 * or fake a mention.
 */
final class CardText {

    private CardText() {}

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                // emphasis, code, headings and links ("[text](url)" needs the brackets) are disarmed
                case '\\', '*', '_', '[', ']', '#', '`', '~' -> out.append('\\').append(c);
                // a word joiner after '<' keeps "<at>" (a mention) and any tag from forming
                case '<' -> out.append("<\u2060");
                case '\r', '\n', '\t' -> out.append(' ');
                default -> {
                    // list markers and numbered lists only act at the start of a line
                    if (out.isEmpty() && (c == '-' || c == '+')) {
                        out.append('\u2060');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
