package dev.preflight.custom.http;

import com.dashjoin.jsonata.Jsonata;
import dev.preflight.custom.HttpSpec;
import dev.preflight.custom.HttpSpec.PaginationType;
import dev.preflight.custom.SourceFailure;
import dev.preflight.custom.SourceLimits;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Paging through an answer as {@code paginate} says: which URL comes next, and where a page's items
 * are. Paging stops at an empty or short page, a missing cursor or next link; the caller stops at
 * {@code maxPages}.
 */
final class Pages {

    /** One {@code <target>; params} element of a Link header (RFC 8288). */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");

    private static final Pattern NEXT = Pattern.compile("(?i);\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private final HttpSpec.Pagination paginate;
    private final SourceLimits limits;
    private final @Nullable Jsonata items;
    private final @Nullable Jsonata cursor;
    private long offset;

    Pages(HttpSpec.Pagination paginate, SourceLimits limits) throws SourceFailure {
        this.paginate = paginate;
        this.limits = limits;
        this.items = paginate.items() == null ? null : compile(paginate.items(), "paginate.items");
        this.cursor = paginate.type() == PaginationType.CURSOR
                ? compile(required(paginate.path(), "path"), "paginate.path")
                : null;
        if (paginate.type() != PaginationType.NONE
                && paginate.type() != PaginationType.LINK
                && paginate.param() == null) {
            throw new SourceFailure("paginate type " + type() + " needs param");
        }
    }

    int maxPages() {
        return Math.max(1, paginate.maxPages());
    }

    /** The first page's URL: the source's URL with the first page's parameters. */
    URI first(URI base) throws SourceFailure {
        return switch (paginate.type()) {
            case PAGE -> withParameters(base, paginate.param(), paginate.start());
            case OFFSET -> withParameters(base, paginate.param(), 0);
            case NONE, CURSOR, LINK -> base;
        };
    }

    /** The items of one page: the answer when it is an array, else what {@code paginate.items} finds. */
    List<@Nullable Object> items(@Nullable Object answer, int page) throws SourceFailure {
        if (answer instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (items == null) {
            throw new SourceFailure(
                    "page " + (page + 1) + " of the answer is not an array and paginate.items is not set");
        }
        Object found = evaluate(items, answer, "paginate.items");
        if (found == null) {
            return List.of();
        }
        return found instanceof List<?> list
                ? new ArrayList<>(list)
                : new ArrayList<>(java.util.Collections.singletonList(found));
    }

    /**
     * The next page's URL, or null when this page was the last.
     *
     * @param base the source's URL before paging parameters
     * @param page this page's index, from 0
     */
    @Nullable
    URI next(URI base, int page, OutboundHttp.Answer answer, @Nullable Object value, int count) throws SourceFailure {
        if (count == 0) {
            return null;
        }
        offset += count;
        boolean shortPage = paginate.size() > 0 && count < paginate.size();
        return switch (paginate.type()) {
            case NONE -> null;
            case PAGE -> shortPage ? null : withParameters(base, paginate.param(), paginate.start() + page + 1);
            case OFFSET -> shortPage ? null : withParameters(base, paginate.param(), offset);
            case CURSOR -> {
                String next = cursorText(evaluate(cursor, value, "paginate.path"));
                yield next == null ? null : withParameter(base, required(paginate.param(), "param"), next);
            }
            case LINK -> nextLink(answer);
        };
    }

    private URI withParameters(URI base, @Nullable String param, long value) throws SourceFailure {
        URI uri = withParameter(base, required(param, "param"), Long.toString(value));
        return paginate.sizeParam() == null || paginate.size() <= 0
                ? uri
                : withParameter(uri, paginate.sizeParam(), Integer.toString(paginate.size()));
    }

    /** The URL with {@code name=value}, replacing a parameter of that name already there. */
    static URI withParameter(URI uri, String name, String value) throws SourceFailure {
        StringBuilder query = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String key = pair.split("=", 2)[0];
                if (!pair.isEmpty()
                        && !URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    query.append(query.isEmpty() ? "" : "&").append(pair);
                }
            }
        }
        query.append(query.isEmpty() ? "" : "&")
                .append(Placeholders.encode(name))
                .append('=')
                .append(Placeholders.encode(value));
        String text = uri.toString();
        int cut =
                text.indexOf('?') >= 0 ? text.indexOf('?') : text.indexOf('#') >= 0 ? text.indexOf('#') : text.length();
        try {
            return URI.create(text.substring(0, cut) + "?" + query);
        } catch (IllegalArgumentException e) {
            throw new SourceFailure("the URL with paging parameter " + name + " is not valid");
        }
    }

    private @Nullable URI nextLink(OutboundHttp.Answer answer) throws SourceFailure {
        for (String header : answer.headers("Link")) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = NEXT.matcher(link.group(2));
                while (rel.find()) {
                    String rels = rel.group(1) != null ? rel.group(1) : rel.group(2);
                    for (String one : rels.strip().split("\\s+")) {
                        if (one.equalsIgnoreCase("next")) {
                            try {
                                return answer.uri().resolve(link.group(1).strip());
                            } catch (IllegalArgumentException e) {
                                throw new SourceFailure("the answer's next link is not a valid URL");
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static @Nullable String cursorText(@Nullable Object found) {
        if (found == null || found instanceof Map<?, ?> || found instanceof List<?>) {
            return null;
        }
        if (found instanceof Number number) {
            // JSONata may hand back 42 as 42.0: a cursor is sent as written
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        String text = found.toString();
        return text.isEmpty() ? null : text;
    }

    private @Nullable Object evaluate(@Nullable Jsonata expression, @Nullable Object input, String field)
            throws SourceFailure {
        if (expression == null || input == null) {
            return null;
        }
        try {
            Jsonata.Frame frame = expression.createFrame();
            frame.setRuntimeBounds(limits.transformTimeout().toMillis(), limits.transformDepth());
            return expression.evaluate(input, frame);
        } catch (RuntimeException e) {
            throw new SourceFailure(field + " failed: " + oneLine(e.getMessage()));
        }
    }

    private static Jsonata compile(String expression, String field) throws SourceFailure {
        try {
            return Jsonata.jsonata(expression);
        } catch (RuntimeException e) {
            throw new SourceFailure(field + " is not valid JSONata: " + oneLine(e.getMessage()));
        }
    }

    private String required(@Nullable String value, String field) throws SourceFailure {
        if (value == null || value.isBlank()) {
            throw new SourceFailure("paginate type " + type() + " needs " + field);
        }
        return value;
    }

    private String type() {
        return paginate.type().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String oneLine(@Nullable String text) {
        return text == null ? "no details" : text.replaceAll("\\s+", " ").strip();
    }
}
