package dev.preflight.sandbox;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web APIs custom checks read (a CI server, an incident tracker...), as the scenario's
 * {@code endpoints} describe them: each with its auth, paging and required query, refused as
 * strictly as GitLab or GitHub refuse. OAuth 2 endpoints get their tokens from {@link #TOKEN_PATH}
 * (client credentials grant, RFC 6749 §4.4).
 */
final class SourcesSimulator extends SimulatedServer {

    static final String TOKEN_PATH = "/oauth/token";
    private static final String REALM = "preflight-sandbox";
    private static final int DEFAULT_EXPIRES_IN_S = 3600;

    private final Map<String, Scenario.Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Client> clients = new HashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    /** An OAuth 2 client as all the endpoints naming it allow it: their scopes, their shortest lifetime. */
    private record Client(String secret, Set<String> scopes, int expiresInS) {}

    private record Grant(String clientId, Set<String> scopes, Instant expiresAt) {}

    /** Why a request is refused: its status, error code, message and extra headers. */
    private record Refusal(int status, String error, String message, Map<String, String> headers) {
        Refusal(int status, String error, String message) {
            this(status, error, message, Map.of());
        }
    }

    SourcesSimulator(Scenario scenario, JsonMapper json) {
        super(scenario, "sources", json);
        for (Scenario.Endpoint endpoint : scenario.endpoints()) {
            endpoints.put(endpoint.path(), endpoint);
            Scenario.Auth auth = endpoint.auth();
            if (auth != null && "oauth2".equals(auth.type())) {
                Set<String> scopes = scopes(auth.scope());
                int expiresIn = auth.expiresInS() == null ? DEFAULT_EXPIRES_IN_S : auth.expiresInS();
                clients.merge(
                        auth.clientId(),
                        new Client(auth.clientSecret(), scopes, expiresIn),
                        (a, b) -> new Client(
                                a.secret(), union(a.scopes(), b.scopes()), Math.min(a.expiresInS(), b.expiresInS())));
            }
        }
    }

    /** Requests made to the token endpoint, refused ones included. */
    int requests() {
        return requests.get();
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    /** Every access token issued so far expires now, as if its lifetime had run out. */
    void expireTokens() {
        tokens.replaceAll((token, grant) -> new Grant(grant.clientId(), grant.scopes(), Instant.EPOCH));
    }

    @Override
    protected Object faultBody(int status) {
        return error("injected", "Injected failure " + status);
    }

    @Override
    protected void handle(Request request) throws IOException {
        String path = request.path();
        if (path.equals(TOKEN_PATH) && !clients.isEmpty()) {
            tokenRequests.incrementAndGet();
            token(request);
            return;
        }
        requests.incrementAndGet();
        Scenario.Endpoint endpoint = endpoints.get(path);
        if (endpoint == null) {
            request.respond(404, error("not_found", "No endpoint at " + path));
            return;
        }
        if (!endpoint.methodName().equals(request.method())) {
            request.exchange.getResponseHeaders().set("Allow", endpoint.methodName());
            request.respond(405, error("method_not_allowed", request.method() + " is not allowed on " + path));
            return;
        }
        Refusal refusal = authenticate(endpoint, request);
        if (refusal == null) {
            refusal = requiredQuery(endpoint, request);
        }
        if (refusal != null) {
            refuse(request, refusal);
            return;
        }
        serve(endpoint, request);
    }

    private void refuse(Request request, Refusal refusal) throws IOException {
        refusal.headers()
                .forEach((name, value) -> request.exchange.getResponseHeaders().set(name, value));
        request.respond(refusal.status(), error(refusal.error(), refusal.message()));
    }

    // ---- authentication ------------------------------------------------------------------------

    private @Nullable Refusal authenticate(Scenario.Endpoint endpoint, Request request) {
        Scenario.Auth auth = endpoint.auth();
        return switch (endpoint.authType()) {
            case "bearer" -> bearer(request, auth.token());
            case "basic" -> basic(request, auth.user(), auth.password());
            case "header" -> {
                String value = request.header(auth.name());
                yield auth.value().equals(value)
                        ? null
                        : unauthorised(
                                "ApiKey realm=\"" + REALM + "\", header=\"" + auth.name() + "\"",
                                value == null ? "The " + auth.name() + " header is missing" : "Invalid API key");
            }
            case "oauth2" -> oauth2(request, auth);
            default -> null;
        };
    }

    private @Nullable Refusal bearer(Request request, String expected) {
        String token = bearerToken(request);
        if (token == null) {
            // RFC 6750 §3.1: a request without credentials gets no error code
            return unauthorised("Bearer realm=\"" + REALM + "\"", "A bearer token is required");
        }
        return token.equals(expected)
                ? null
                : unauthorised(
                        "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"", "The bearer token is invalid");
    }

    private @Nullable Refusal basic(Request request, String user, String password) {
        String challenge = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return unauthorised(challenge, "Basic credentials are required");
        }
        String decoded = decodeBase64(header.substring(6).trim());
        return (user + ":" + password).equals(decoded)
                ? null
                : unauthorised(challenge, "The user name or password is wrong");
    }

    private @Nullable Refusal oauth2(Request request, Scenario.Auth auth) {
        String token = bearerToken(request);
        if (token == null) {
            return unauthorised("Bearer realm=\"" + REALM + "\"", "An access token is required");
        }
        Grant grant = tokens.get(token);
        String invalid = "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"";
        if (grant == null || !grant.clientId().equals(auth.clientId())) {
            return unauthorised(invalid, "The access token is invalid");
        }
        if (!Instant.now().isBefore(grant.expiresAt())) {
            return unauthorised(
                    invalid + ", error_description=\"The access token expired\"", "The access token expired");
        }
        Set<String> needed = scopes(auth.scope());
        if (!grant.scopes().containsAll(needed)) {
            return new Refusal(
                    403,
                    "insufficient_scope",
                    "The access token lacks scope " + String.join(" ", needed),
                    Map.of(
                            "WWW-Authenticate",
                            "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\""
                                    + String.join(" ", needed) + "\""));
        }
        return null;
    }

    private static @Nullable String bearerToken(Request request) {
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static Refusal unauthorised(String challenge, String message) {
        return new Refusal(401, "unauthorized", message, Map.of("WWW-Authenticate", challenge));
    }

    // ---- OAuth 2 token endpoint (RFC 6749 §4.4, §5) ----------------------------------------------

    private void token(Request request) throws IOException {
        if (!request.method().equals("POST")) {
            request.exchange.getResponseHeaders().set("Allow", "POST");
            oauthError(request, 405, "invalid_request", "The token endpoint takes POST only", false);
            return;
        }
        String contentType = request.header("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            oauthError(request, 400, "invalid_request", "The body must be application/x-www-form-urlencoded", false);
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(request.bodyBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (form.put(key, value) != null) {
                // §3.2: parameters must not be included more than once
                oauthError(request, 400, "invalid_request", "Parameter " + key + " is repeated", false);
                return;
            }
        }
        if (!form.containsKey("grant_type")) {
            oauthError(request, 400, "invalid_request", "grant_type is required", false);
            return;
        }
        String header = request.header("Authorization");
        boolean viaHeader = header != null;
        String clientId;
        String secret;
        if (viaHeader) {
            if (form.containsKey("client_secret")) {
                // §2.3: one authentication method per request
                oauthError(request, 400, "invalid_request", "The client authenticated twice", false);
                return;
            }
            String decoded = header.regionMatches(true, 0, "Basic ", 0, 6)
                    ? decodeBase64(header.substring(6).trim())
                    : null;
            int colon = decoded == null ? -1 : decoded.indexOf(':');
            if (colon < 0) {
                oauthError(request, 401, "invalid_client", "Client authentication failed", true);
                return;
            }
            // §2.3.1: the id and secret are form-encoded before they are Base64-encoded
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } else {
            clientId = form.get("client_id");
            secret = form.get("client_secret");
            if (clientId == null || secret == null) {
                oauthError(request, 401, "invalid_client", "Client authentication is required", true);
                return;
            }
        }
        Client client = clients.get(clientId);
        if (client == null || !client.secret().equals(secret)) {
            // §5.2: 401 with a challenge when the client used the Authorization header, else 400
            oauthError(request, viaHeader ? 401 : 400, "invalid_client", "Client authentication failed", viaHeader);
            return;
        }
        if (!form.get("grant_type").equals("client_credentials")) {
            oauthError(request, 400, "unsupported_grant_type", "Only client_credentials is supported", false);
            return;
        }
        Set<String> granted = client.scopes();
        if (form.containsKey("scope")) {
            Set<String> asked = scopes(form.get("scope"));
            if (!client.scopes().containsAll(asked)) {
                oauthError(
                        request, 400, "invalid_scope", "The client may not ask for scope " + form.get("scope"), false);
                return;
            }
            granted = asked;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Grant(clientId, granted, Instant.now().plusSeconds(client.expiresInS())));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", client.expiresInS());
        if (!granted.isEmpty()) {
            answer.put("scope", String.join(" ", granted));
        }
        noStore(request);
        request.respond(200, answer);
    }

    private static void oauthError(Request request, int status, String error, String description, boolean challenge)
            throws IOException {
        if (challenge) {
            request.exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
        noStore(request);
        request.respond(status, Map.of("error", error, "error_description", description));
    }

    private static void noStore(Request request) {
        request.exchange.getResponseHeaders().set("Cache-Control", "no-store");
        request.exchange.getResponseHeaders().set("Pragma", "no-cache");
    }

    // ---- content and paging ----------------------------------------------------------------------

    private static @Nullable Refusal requiredQuery(Scenario.Endpoint endpoint, Request request) {
        for (Map.Entry<String, String> required : endpoint.query().entrySet()) {
            String found = request.query(required.getKey());
            if (!required.getValue().equals(found)) {
                return new Refusal(
                        400,
                        "invalid_query",
                        found == null
                                ? "Query parameter " + required.getKey() + " is required"
                                : "Query parameter " + required.getKey() + " must be \"" + required.getValue()
                                        + "\", found \"" + found + "\"");
            }
        }
        return null;
    }

    private void serve(Scenario.Endpoint endpoint, Request request) throws IOException {
        Scenario.Paginate paging = endpoint.paging();
        List<@Nullable Object> items = endpoint.items();
        if (paging.type().equals("none")) {
            Object content = items != null ? wrap(paging.itemsPath(), items) : endpoint.body();
            String contentType =
                    endpoint.contentType() == null ? "application/json;charset=UTF-8" : endpoint.contentType();
            boolean isJson = contentType.toLowerCase(Locale.ROOT).contains("json");
            request.respondRaw(
                    200, contentType, isJson ? json.writeValueAsString(content) : String.valueOf(endpoint.body()));
            return;
        }
        Long size = number(request, paging.sizeParamName(), paging.pageSize());
        if (size == null || size < 1 || size > paging.maxPageSize()) {
            // GitLab and GitHub validate the page size; the sandbox refuses rather than caps
            refuse(
                    request,
                    new Refusal(
                            400,
                            "invalid_page_size",
                            paging.sizeParamName() + " must be an integer between 1 and " + paging.maxPageSize()));
            return;
        }
        switch (paging.type()) {
            case "page", "link" -> pageOf(endpoint, paging, items, size.intValue(), request);
            case "offset" -> {
                Long offset = number(request, paging.paramName(), 0);
                if (offset == null || offset < 0) {
                    refuse(
                            request,
                            new Refusal(400, "invalid_offset", paging.paramName() + " must be an integer >= 0"));
                    return;
                }
                request.respond(200, wrap(paging.itemsPath(), slice(items, offset, size.intValue())));
            }
            default -> cursor(endpoint, paging, items, size.intValue(), request);
        }
    }

    private void pageOf(
            Scenario.Endpoint endpoint,
            Scenario.Paginate paging,
            List<@Nullable Object> items,
            int size,
            Request request)
            throws IOException {
        Long page = number(request, paging.paramName(), paging.firstPage());
        if (page == null || page < paging.firstPage() || page > Integer.MAX_VALUE) {
            refuse(
                    request,
                    new Refusal(
                            400, "invalid_page", paging.paramName() + " must be an integer >= " + paging.firstPage()));
            return;
        }
        int first = paging.firstPage();
        long from = (page - first) * size;
        int pages = Math.max(1, (items.size() + size - 1) / size);
        int last = first + pages - 1;
        boolean hasNext = from + size < items.size();
        var headers = request.exchange.getResponseHeaders();
        if (paging.type().equals("page")) {
            // GitLab's pagination headers, for clients that read them
            headers.set("X-Page", String.valueOf(page));
            headers.set("X-Per-Page", String.valueOf(size));
            headers.set("X-Total", String.valueOf(items.size()));
            headers.set("X-Total-Pages", String.valueOf(pages));
            headers.set("X-Next-Page", hasNext ? String.valueOf(page + 1) : "");
            headers.set("X-Prev-Page", page > first ? String.valueOf(page - 1) : "");
        } else {
            // RFC 8288, as GitHub sends it: absolute URLs, the request's other parameters kept
            List<String> links = new ArrayList<>();
            if (hasNext) {
                links.add(link(endpoint, paging, request, page + 1, size, "next"));
                links.add(link(endpoint, paging, request, last, size, "last"));
            }
            if (page > first) {
                links.add(link(endpoint, paging, request, Math.min(page - 1, last), size, "prev"));
                links.add(link(endpoint, paging, request, first, size, "first"));
            }
            if (!links.isEmpty()) {
                headers.set("Link", String.join(", ", links));
            }
        }
        request.respond(200, wrap(paging.itemsPath(), slice(items, from, size)));
    }

    private String link(
            Scenario.Endpoint endpoint, Scenario.Paginate paging, Request request, long page, int size, String rel) {
        StringBuilder query = new StringBuilder();
        String raw = request.exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (!pair.isEmpty() && !key.equals(paging.paramName()) && !key.equals(paging.sizeParamName())) {
                    query.append(pair).append('&');
                }
            }
        }
        query.append(encode(paging.paramName())).append('=').append(page);
        query.append('&').append(encode(paging.sizeParamName())).append('=').append(size);
        return "<" + url() + endpoint.path() + "?" + query + ">; rel=\"" + rel + "\"";
    }

    private void cursor(
            Scenario.Endpoint endpoint,
            Scenario.Paginate paging,
            List<@Nullable Object> items,
            int size,
            Request request)
            throws IOException {
        String cursor = request.query(paging.paramName());
        long offset = 0;
        if (cursor != null) {
            Long decoded = decodeCursor(endpoint, cursor);
            if (decoded == null) {
                refuse(request, new Refusal(400, "invalid_cursor", "The cursor is invalid or expired"));
                return;
            }
            offset = decoded;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        put(answer, paging.itemsPath(), slice(items, offset, size));
        if (offset + size < items.size()) {
            // a missing cursor marks the last page
            put(answer, paging.cursorPath(), encodeCursor(endpoint, offset + size));
        }
        request.respond(200, answer);
    }

    /** Opaque to clients: the offset, tied to the endpoint so a cursor cannot be forged or reused elsewhere. */
    private static String encodeCursor(Scenario.Endpoint endpoint, long offset) {
        String plain = offset + ":" + Integer.toHexString(endpoint.path().hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable Long decodeCursor(Scenario.Endpoint endpoint, String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 2);
            if (parts.length != 2
                    || !parts[1].equals(Integer.toHexString(endpoint.path().hashCode()))) {
                return null;
            }
            long offset = Long.parseLong(parts[0]);
            return offset >= 0 ? offset : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- small pieces ----------------------------------------------------------------------------

    /** The integer query parameter, its default when absent, null when it is not an integer. */
    private static @Nullable Long number(Request request, String name, long fallback) {
        String value = request.query(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<@Nullable Object> slice(List<@Nullable Object> items, long from, int size) {
        if (from >= items.size()) {
            return List.of();
        }
        return items.subList((int) from, (int) Math.min(items.size(), from + size));
    }

    private static Object wrap(@Nullable String path, Object content) {
        if (path == null) {
            return content;
        }
        Map<String, Object> root = new LinkedHashMap<>();
        put(root, path, content);
        return root;
    }

    /** Sets a dotted path ("data.items") in nested objects, creating them as needed. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] names = path.split("\\.");
        Map<String, Object> at = root;
        for (int i = 0; i < names.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(names[i], name -> new LinkedHashMap<String, Object>());
        }
        at.put(names[names.length - 1], value);
    }

    private static Set<String> scopes(@Nullable String scope) {
        return scope == null || scope.isBlank()
                ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static @Nullable String decodeBase64(String text) {
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", code, "message", message);
    }
}
