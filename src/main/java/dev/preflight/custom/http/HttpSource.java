package dev.preflight.custom.http;

import dev.preflight.custom.HttpSpec;
import dev.preflight.custom.Secrets;
import dev.preflight.custom.SourceAnswer;
import dev.preflight.custom.SourceContext;
import dev.preflight.custom.SourceFailure;
import dev.preflight.custom.SourceLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A custom source over a web API: the spec's request with the release's placeholders and the
 * source's credentials, every page of the answer fetched through {@link OutboundHttp}, and the
 * answer handed on as plain JSON values.
 */
public final class HttpSource {

    /** Headers the connection owns; a spec setting them could confuse the server about the request. */
    private static final Set<String> RESERVED_HEADERS =
            Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer");

    private final String name;
    private final HttpSpec spec;
    private final OutboundHttp http;
    private final SourceLimits limits;
    private final Clock clock;
    private final Credentials credentials;
    private final JsonBody json = new JsonBody();

    public HttpSource(
            String name, HttpSpec spec, OutboundHttp http, Secrets secrets, SourceLimits limits, Clock clock) {
        this.name = name;
        this.spec = spec;
        this.http = http;
        this.limits = limits;
        this.clock = clock;
        this.credentials = new Credentials(spec.auth(), secrets, http, clock);
    }

    public SourceAnswer fetch(SourceContext context) throws SourceFailure {
        Instant start = clock.instant();
        Placeholders placeholders = new Placeholders(context);
        String method = spec.method().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new SourceFailure("method " + spec.method() + " is not allowed: GET or POST");
        }
        URI base = url(placeholders);
        Map<String, String> headers = headers(placeholders);
        byte[] body =
                method.equals("POST") && spec.body() != null ? json.write(placeholders.inBody(spec.body())) : null;
        Pages pages = new Pages(spec.paginate(), limits);
        Tally tally = new Tally(limits.maxAnswerBytes());

        URI uri = pages.first(base);
        List<@Nullable Object> items = new ArrayList<>();
        for (int page = 0; page < pages.maxPages(); page++) {
            OutboundHttp.Request request = new OutboundHttp.Request(
                    method,
                    uri,
                    headers,
                    Map.of(),
                    body,
                    body == null ? null : "application/json",
                    tally.remainingBytes());
            OutboundHttp.Answer answer = authenticated(request, tally);
            Object value = json.parse(answer, request);
            if (spec.paginate().type() == HttpSpec.PaginationType.NONE) {
                return new SourceAnswer(value, tally.bytes(), took(start), tally.requests());
            }
            List<@Nullable Object> pageItems = pages.items(value, page);
            items.addAll(pageItems);
            URI next = pages.next(base, page, answer, value, pageItems.size());
            if (next == null) {
                break;
            }
            uri = next;
        }
        return new SourceAnswer(items, tally.bytes(), took(start), tally.requests());
    }

    /** Sends with the source's credentials; an OAuth2 token the API refuses is renewed once. */
    private OutboundHttp.Answer authenticated(OutboundHttp.Request request, Tally tally) throws SourceFailure {
        try {
            return send(request, credentials.headers(tally), tally);
        } catch (OutboundHttp.StatusFailure refused) {
            if (refused.status != 401 || !credentials.renewable()) {
                throw refused;
            }
            credentials.renew();
            return send(request, credentials.headers(tally), tally);
        }
    }

    private OutboundHttp.Answer send(OutboundHttp.Request request, Map<String, String> credentialHeaders, Tally tally)
            throws SourceFailure {
        OutboundHttp.Request authenticated = new OutboundHttp.Request(
                request.method(),
                request.uri(),
                request.headers(),
                credentialHeaders,
                request.body(),
                request.contentType(),
                request.maxBytes());
        OutboundHttp.Answer answer;
        try {
            answer = http.send(authenticated);
        } catch (OutboundHttp.TooLarge tooLarge) {
            tally.failed();
            throw tally.bytes() == 0
                    ? tooLarge
                    : new SourceFailure(request + ": the answers exceed " + limits.maxAnswerBytes()
                            + " bytes in all (preflight.sources.max-answer-bytes)");
        } catch (SourceFailure failure) {
            tally.failed();
            throw failure;
        }
        tally.answered(answer);
        return answer;
    }

    private URI url(Placeholders placeholders) throws SourceFailure {
        URI uri;
        try {
            uri = URI.create(placeholders.inUrl(spec.url()));
        } catch (IllegalArgumentException e) {
            throw new SourceFailure("url of source " + name + " is not a valid URL");
        }
        // sorted: the spec's map has no order, and the same spec should ask the same URL
        for (Map.Entry<String, String> parameter : new TreeMap<>(spec.query()).entrySet()) {
            uri = Pages.withParameter(uri, parameter.getKey(), placeholders.inText(parameter.getValue()));
        }
        OutboundHttp.requireScheme(uri, "url of source " + name + " is ");
        return uri;
    }

    private Map<String, String> headers(Placeholders placeholders) throws SourceFailure {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        for (Map.Entry<String, String> header : spec.headers().entrySet()) {
            String key = header.getKey();
            if (!settable(key)) {
                throw new SourceFailure("header " + key + " may not be set by a source");
            }
            String value = placeholders.inText(header.getValue());
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new SourceFailure("header " + key + " would hold a line break");
            }
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
            headers.put(key, value);
        }
        return headers;
    }

    /** Whether a source may set this header: a valid name the connection does not own. */
    static boolean settable(String header) {
        return header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
                && !RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT));
    }

    private Duration took(Instant start) {
        Duration took = Duration.between(start, clock.instant());
        return took.isNegative() ? Duration.ZERO : took;
    }

    @Override
    public String toString() {
        return "HttpSource[" + name + ", " + spec.method() + " " + spec.url().replaceAll("\\?.*", "") + "]";
    }
}
