package dev.preflight.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Teams message link as people copy it ("Copy link"): the root message of its thread is the
 * {@code parentMessageId} parameter for a reply, else the message itself.
 */
public record ThreadLink(String channelId, String messageId, String rootMessageId) {

    private static final Pattern PATH = Pattern.compile("/l/message/([^/]+)/(\\d+)/?");

    public static ThreadLink parse(String link) {
        String expected = "expected https://teams.microsoft.com/l/message/<channel>/<message id>?...";
        URI uri;
        try {
            uri = new URI(link.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("thread link is not a URL (" + expected + ")");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || !(uri.getHost().equalsIgnoreCase("teams.microsoft.com")
                        || uri.getHost().equalsIgnoreCase("teams.cloud.microsoft"))) {
            throw new IllegalArgumentException("thread link is not a Teams link (" + expected + ")");
        }
        Matcher path = PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!path.matches()) {
            throw new IllegalArgumentException("thread link is not a Teams message link (" + expected + ")");
        }
        String channel = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        String message = path.group(2);
        String parent = parameter(uri.getRawQuery(), "parentMessageId");
        if (parent != null && !parent.isEmpty() && !parent.matches("\\d+")) {
            throw new IllegalArgumentException("thread link has a parentMessageId that is not a message id: " + parent);
        }
        String root = parent == null || parent.isEmpty() || parent.equals("0") ? message : parent;
        return new ThreadLink(channel, message, root);
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
