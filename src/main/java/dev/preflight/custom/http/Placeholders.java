package dev.preflight.custom.http;

import dev.preflight.custom.SourceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code {project}}, {@code {release}}, {@code {packagingRelease}} and {@code {tickets}} (the
 * ticket keys, comma-separated) in a source's URL, query, headers and body. In a URL the values are
 * percent-encoded, so a release named {@code 1.0 & co} cannot add a parameter or a path segment.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(project|release|packagingRelease|tickets)}");

    private final Map<String, String> values;

    Placeholders(SourceContext context) {
        this.values = Map.of(
                "project", context.project(),
                "release", context.release(),
                "packagingRelease", context.packagingRelease(),
                "tickets", String.join(",", context.tickets()));
    }

    /** Values as they are: headers, body strings, and query values (encoded as a whole later). */
    String inText(String template) {
        return replace(template, UnaryOperator.identity());
    }

    /** Values percent-encoded: the URL's path and query. */
    String inUrl(String template) {
        return replace(template, Placeholders::encode);
    }

    /** The string leaves of a JSON body, replaced; maps and lists copied. */
    @Nullable
    Object inBody(@Nullable Object body) {
        if (body instanceof String text) {
            return inText(text);
        }
        if (body instanceof Map<?, ?> map) {
            Map<Object, @Nullable Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, inBody(value)));
            return copy;
        }
        if (body instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(inBody(item)));
            return copy;
        }
        return body;
    }

    private String replace(String template, UnaryOperator<String> encoding) {
        return PLACEHOLDER
                .matcher(template)
                .replaceAll(found -> Matcher.quoteReplacement(encoding.apply(values.get(found.group(1)))));
    }

    /** RFC 3986 percent-encoding: everything but the unreserved characters. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
