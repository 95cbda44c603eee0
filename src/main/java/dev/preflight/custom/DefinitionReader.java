package dev.preflight.custom;

import dev.preflight.check.Category;
import dev.preflight.check.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a definitions document (YAML or JSON) and validates all of it: the first problem is a
 * {@link DefinitionException} naming its path. The same validation serves the CLI, the Checks tab
 * and the API, and runs again before anything is stored.
 */
public final class DefinitionReader {

    /** Far above any real checklist; keeps a pasted blob from being parsed at all. */
    public static final int MAX_DOCUMENT_CHARS = 256 * 1024;

    private static final int MAX_SOURCES = 50;
    private static final int MAX_CHECKS = 100;
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern JIRA_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.-]{1,190}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    private static final Set<String> FORBIDDEN_HEADERS =
            Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer");
    private static final Set<String> JDBC_SCHEMES =
            Set.of("jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:", "jdbc:sqlserver:", "jdbc:oracle:thin:");
    /** Names that carry credentials: their values would be stored in clear, so they must come from auth. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i)authorization|proxy-authorization|cookie|.*(token|secret|password|passwd|pwd|api[-_]?key|signature|sig)");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(project|release|packagingRelease|tickets)}");

    private final HostCheck hosts;
    private final SourceCheck sources;
    private final YAMLMapper yaml = YAMLMapper.builder().build();
    private final JsonMapper json = JsonMapper.shared();

    /** @param hosts the host rules every HTTP source and token URL must pass at import */
    public DefinitionReader(HostCheck hosts) {
        this(hosts, SourceCheck.NONE);
    }

    /** @param sources what a kind of source checks of its own definition (a database URL, a query) */
    public DefinitionReader(HostCheck hosts, SourceCheck sources) {
        this.hosts = hosts;
        this.sources = sources;
    }

    public CheckDefinitions read(String document) {
        if (document.length() > MAX_DOCUMENT_CHARS) {
            throw new DefinitionException("", "document over " + MAX_DOCUMENT_CHARS / 1024 + " KB");
        }
        if (document.isBlank()) {
            throw new DefinitionException("", "document is empty (expected format: " + CheckDefinitions.FORMAT + ")");
        }
        JsonNode root;
        try {
            // JSON is YAML: one parser for both, with line numbers in its errors
            root = yaml.readTree(document);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new DefinitionException(
                    "",
                    "not YAML or JSON" + where + ": "
                            + excerpt(message.lines().findFirst().orElse("")));
        }
        return read(root);
    }

    private CheckDefinitions read(@Nullable JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new DefinitionException("", "the document must be a mapping with format, sources and checks");
        }
        keys(root, "", Set.of("format", "sources", "checks"));
        String format = text(root, "", "format", true);
        if (!CheckDefinitions.FORMAT.equals(format)) {
            throw new DefinitionException(
                    "format", "must be " + CheckDefinitions.FORMAT + ", not '" + excerpt(format) + "'");
        }
        List<SourceDefinition> sources = new ArrayList<>();
        JsonNode sourceNodes = list(root, "", "sources", MAX_SOURCES);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sourceNodes.size(); i++) {
            SourceDefinition source = source(sourceNodes.get(i), "sources[" + i + "]");
            if (!names.add(source.name())) {
                throw new DefinitionException("sources[" + i + "].name", "'" + source.name() + "' is used twice");
            }
            sources.add(source);
        }
        List<CheckDefinition> checks = new ArrayList<>();
        JsonNode checkNodes = list(root, "", "checks", MAX_CHECKS);
        Set<String> checkNames = new HashSet<>();
        for (int i = 0; i < checkNodes.size(); i++) {
            CheckDefinition check = check(checkNodes.get(i), "checks[" + i + "]", names);
            if (!checkNames.add(check.name())) {
                throw new DefinitionException("checks[" + i + "].name", "'" + check.name() + "' is used twice");
            }
            checks.add(check);
        }
        return new CheckDefinitions(sources, checks);
    }

    private SourceDefinition source(JsonNode node, String path) {
        object(node, path);
        keys(node, path, Set.of("name", "http", "jdbc", "jira", "transform"));
        String name = name(node, path, SOURCE_NAME);
        int kinds = (node.has("http") ? 1 : 0) + (node.has("jdbc") ? 1 : 0) + (node.has("jira") ? 1 : 0);
        if (kinds != 1) {
            throw new DefinitionException(path, "needs exactly one of http, jdbc or jira");
        }
        String transform = expression(node, path, "transform", "$");
        if (node.has("http")) {
            return new SourceDefinition(name, http(node.get("http"), path + ".http"), null, null, transform);
        }
        if (node.has("jdbc")) {
            SourceDefinition source =
                    new SourceDefinition(name, null, jdbc(node.get("jdbc"), path + ".jdbc"), null, transform);
            try {
                sources.check(source);
            } catch (SourceFailure refused) {
                throw new DefinitionException(
                        path + ".jdbc", refused.getMessage().replaceFirst("^source " + name + ": ", ""));
            }
            return source;
        }
        return new SourceDefinition(name, null, null, jira(node.get("jira"), path + ".jira"), transform);
    }

    private HttpSpec http(JsonNode node, String path) {
        object(node, path);
        keys(node, path, Set.of("url", "method", "query", "headers", "body", "auth", "paginate"));
        String url = text(node, path, "url", true);
        requireUrl(url, path + ".url");
        String method = text(node, path, "method", false);
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new DefinitionException(path + ".method", "must be GET or POST");
        }
        Map<String, String> query = strings(node, path, "query");
        Map<String, String> headers = strings(node, path, "headers");
        headers.forEach((header, value) -> {
            if (!HEADER_NAME.matcher(header).matches() || FORBIDDEN_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                throw new DefinitionException(
                        path + ".headers", "'" + excerpt(header) + "' is not a header a source may set");
            }
            if (CREDENTIAL_NAME.matcher(header).matches()) {
                throw new DefinitionException(
                        path + ".headers." + excerpt(header),
                        "credentials go in auth with a secret's name, never in the document");
            }
        });
        query.keySet().stream()
                .filter(name -> CREDENTIAL_NAME.matcher(name).matches())
                .findFirst()
                .ifPresent(name -> {
                    throw new DefinitionException(
                            path + ".query." + excerpt(name),
                            "credentials go in auth with a secret's name, never in the document");
                });
        if (url.matches("(?i).*[?&][^=]*(token|secret|password|key|sig)=.*")) {
            throw new DefinitionException(
                    path + ".url", "credentials go in auth with a secret's name, never in the URL");
        }
        Object body = null;
        if (node.has("body")) {
            if (!method.equals("POST")) {
                throw new DefinitionException(path + ".body", "only a POST sends a body");
            }
            body = json.treeToValue(node.get("body"), Object.class);
        }
        HttpSpec.Auth auth = node.has("auth") ? auth(node.get("auth"), path + ".auth") : HttpSpec.Auth.NONE;
        HttpSpec.Pagination paginate =
                node.has("paginate") ? paginate(node.get("paginate"), path + ".paginate") : HttpSpec.Pagination.NONE;
        return new HttpSpec(url, method, query, headers, body, auth, paginate);
    }

    /** An http(s) URL once placeholders are filled, to a host the rules allow. */
    private void requireUrl(String url, String path) {
        URI uri;
        try {
            uri = new URI(PLACEHOLDER.matcher(url).replaceAll("x"));
        } catch (URISyntaxException e) {
            throw new DefinitionException(path, "not a URL (" + excerpt(e.getReason()) + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new DefinitionException(path, "must be an https (or http) URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new DefinitionException(path, "needs a host and no user name or password (use auth)");
        }
        if (PLACEHOLDER
                .matcher(url.substring(
                        0,
                        url.indexOf(uri.getRawAuthority())
                                + uri.getRawAuthority().length()))
                .find()) {
            throw new DefinitionException(path, "placeholders may not choose the host");
        }
        try {
            hosts.require(uri.getHost());
        } catch (SourceFailure refused) {
            throw new DefinitionException(path, refused.getMessage());
        }
    }

    private HttpSpec.Auth auth(JsonNode node, String path) {
        object(node, path);
        keys(node, path, Set.of("type", "user", "secret", "name", "tokenUrl", "clientId", "scope"));
        HttpSpec.AuthType type = choice(node, path, "type", HttpSpec.AuthType.class);
        String user = text(node, path, "user", type == HttpSpec.AuthType.BASIC);
        String secret = type == HttpSpec.AuthType.NONE ? null : secret(node, path);
        String name = text(node, path, "name", type == HttpSpec.AuthType.HEADER);
        if (name != null
                && (!HEADER_NAME.matcher(name).matches()
                        || FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT)))) {
            throw new DefinitionException(path + ".name", "'" + excerpt(name) + "' is not a header a source may set");
        }
        boolean oauth = type == HttpSpec.AuthType.OAUTH2;
        String tokenUrl = text(node, path, "tokenUrl", oauth);
        if (tokenUrl != null) {
            requireUrl(tokenUrl, path + ".tokenUrl");
        }
        return new HttpSpec.Auth(
                type,
                user,
                secret,
                name,
                tokenUrl,
                text(node, path, "clientId", oauth),
                text(node, path, "scope", false));
    }

    private HttpSpec.Pagination paginate(JsonNode node, String path) {
        object(node, path);
        keys(node, path, Set.of("type", "param", "sizeParam", "size", "start", "path", "items", "maxPages"));
        HttpSpec.PaginationType type = choice(node, path, "type", HttpSpec.PaginationType.class);
        boolean sized = type == HttpSpec.PaginationType.PAGE || type == HttpSpec.PaginationType.OFFSET;
        String param = text(node, path, "param", sized || type == HttpSpec.PaginationType.CURSOR);
        String sizeParam = text(node, path, "sizeParam", false);
        int size = number(node, path, "size", sized ? 100 : 0, sized ? 1 : 0, 10_000);
        int start = number(node, path, "start", type == HttpSpec.PaginationType.PAGE ? 1 : 0, 0, 1);
        String cursorPath = type == HttpSpec.PaginationType.CURSOR
                ? expression(node, path, "path", null)
                : text(node, path, "path", false);
        if (type == HttpSpec.PaginationType.CURSOR && cursorPath == null) {
            throw new DefinitionException(path + ".path", "is required: where the next cursor is in an answer");
        }
        String items = node.has("items") ? expression(node, path, "items", null) : null;
        int maxPages = number(node, path, "maxPages", HttpSpec.Pagination.DEFAULT_MAX_PAGES, 1, 1000);
        return new HttpSpec.Pagination(type, param, sizeParam, size, start, cursorPath, items, maxPages);
    }

    private JdbcSpec jdbc(JsonNode node, String path) {
        object(node, path);
        keys(node, path, Set.of("url", "user", "secret", "query"));
        String url = text(node, path, "url", true);
        String lower = url.toLowerCase(Locale.ROOT);
        if (JDBC_SCHEMES.stream().noneMatch(lower::startsWith)) {
            throw new DefinitionException(
                    path + ".url", "only PostgreSQL, MariaDB/MySQL, SQL Server and Oracle (thin) URLs are accepted");
        }
        if (lower.matches(".*(password|pwd)\\s*=.*")) {
            throw new DefinitionException(path + ".url", "the password comes from secret, never from the URL");
        }
        String query = text(node, path, "query", true);
        return new JdbcSpec(url, text(node, path, "user", true), secret(node, path), query);
    }

    private List<String> jira(JsonNode node, String path) {
        if (node.isNull() || (node.isObject() && node.isEmpty())) {
            return List.of();
        }
        object(node, path);
        keys(node, path, Set.of("fields"));
        List<String> fields = new ArrayList<>();
        JsonNode list = list(node, path, "fields", 50);
        for (int i = 0; i < list.size(); i++) {
            String field = list.get(i).isString() ? list.get(i).stringValue() : "";
            if (!JIRA_FIELD.matcher(field).matches()) {
                throw new DefinitionException(
                        path + ".fields[" + i + "]", "not a Jira field id (e.g. labels, customfield_10500)");
            }
            fields.add(field);
        }
        return fields;
    }

    private CheckDefinition check(JsonNode node, String path, Set<String> sources) {
        object(node, path);
        keys(node, path, Set.of("name", "label", "source", "scope", "when", "severity", "detail", "notify"));
        String name = name(node, path, Category.CUSTOM_NAME);
        String label = text(node, path, "label", false);
        if (label != null && (label.length() > 80 || label.chars().anyMatch(Character::isISOControl))) {
            throw new DefinitionException(path + ".label", "at most 80 characters on one line");
        }
        String source = text(node, path, "source", true);
        if (!sources.contains(source)) {
            throw new DefinitionException(path + ".source", "no source is named '" + excerpt(source) + "'");
        }
        CheckScope scope = choice(node, path, "scope", CheckScope.class);
        String when = expression(node, path, "when", null);
        if (when == null) {
            throw new DefinitionException(path + ".when", "is required");
        }
        String severityText = text(node, path, "severity", true);
        Severity severity;
        try {
            severity = Severity.fromKey(severityText);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(path + ".severity", "must be blocking, semi-blocking or minor");
        }
        String detail = expression(node, path, "detail", null);
        if (detail == null) {
            detail = json.writeValueAsString(label == null ? name : label); // a JSONata string literal
        }
        List<String> notify = new ArrayList<>();
        if (node.has("notify")) {
            if (scope != CheckScope.RELEASE) {
                throw new DefinitionException(
                        path + ".notify", "only a release check names whom to notify (a ticket's assignee is told)");
            }
            JsonNode list = list(node, path, "notify", 20);
            for (int i = 0; i < list.size(); i++) {
                String email = list.get(i).isString() ? list.get(i).stringValue() : "";
                if (!EMAIL.matcher(email).matches()) {
                    throw new DefinitionException(path + ".notify[" + i + "]", "not an e-mail address");
                }
                notify.add(email.toLowerCase(Locale.ROOT));
            }
        }
        return new CheckDefinition(name, label == null ? name : label, source, scope, when, severity, detail, notify);
    }

    // --- the document's shapes, each with a one-line error naming its path ---

    private static void object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new DefinitionException(path, "must be a mapping");
        }
    }

    private static void keys(JsonNode node, String path, Set<String> allowed) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new DefinitionException(
                        (path.isEmpty() ? "" : path + ".") + excerpt(key),
                        "unknown key (expected one of " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private static String name(JsonNode node, String path, Pattern pattern) {
        String name = text(node, path, "name", true);
        if (!pattern.matcher(name).matches()) {
            throw new DefinitionException(path + ".name", "'" + excerpt(name) + "' must match " + pattern.pattern());
        }
        return name;
    }

    private static String secret(JsonNode node, String path) {
        String secret = text(node, path, "secret", true);
        if (!Secrets.NAME.matcher(secret).matches()) {
            throw new DefinitionException(
                    path + ".secret", "a secret's name (" + Secrets.NAME.pattern() + "), never its value");
        }
        return secret;
    }

    private static @Nullable String text(JsonNode node, String path, String key, boolean required) {
        JsonNode value = node.get(key);
        String where = (path.isEmpty() ? "" : path + ".") + key;
        if (value == null || value.isNull()) {
            if (required) {
                throw new DefinitionException(where, "is required");
            }
            return null;
        }
        if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
            throw new DefinitionException(where, "must be text");
        }
        String text = value.asString();
        if (text.isBlank() && required) {
            throw new DefinitionException(where, "is empty");
        }
        if (text.length() > 8_192) {
            throw new DefinitionException(where, "over 8,192 characters");
        }
        return text;
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String path, String key, Class<E> type) {
        String text = text(node, path, key, true);
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(
                    path + "." + key,
                    "'" + excerpt(text) + "' is not one of "
                            + java.util.Arrays.stream(type.getEnumConstants())
                                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                                    .toList());
        }
    }

    private static int number(JsonNode node, String path, String key, int otherwise, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new DefinitionException(path + "." + key, "must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private static JsonNode list(JsonNode node, String path, String key, int max) {
        JsonNode value = node.get(key);
        String where = (path.isEmpty() ? "" : path + ".") + key;
        if (value == null || value.isNull()) {
            return JsonMapper.shared().createArrayNode();
        }
        if (!value.isArray()) {
            throw new DefinitionException(where, "must be a list");
        }
        if (value.size() > max) {
            throw new DefinitionException(where, "at most " + max + " entries");
        }
        return value;
    }

    private static Map<String, String> strings(JsonNode node, String path, String key) {
        JsonNode value = node.get(key);
        Map<String, String> strings = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return strings;
        }
        object(value, path + "." + key);
        for (String name : value.propertyNames()) {
            String text = text(value, path + "." + key, name, true);
            if (text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new DefinitionException(path + "." + key + "." + excerpt(name), "line breaks are not allowed");
            }
            strings.put(name, text);
        }
        return strings;
    }

    private static @Nullable String expression(JsonNode node, String path, String key, @Nullable String otherwise) {
        String text = text(node, path, key, false);
        if (text == null) {
            return otherwise;
        }
        try {
            Expression.compile(text);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(path + "." + key, e.getMessage());
        }
        return text;
    }

    /**
     * The line of the document where a path ({@code checks[2].when}) is, so an editor can point at
     * an error; empty when the path is the document's or is not found.
     */
    public java.util.OptionalInt lineOf(String document, String path) {
        if (path.isEmpty() || document.length() > MAX_DOCUMENT_CHARS) {
            return java.util.OptionalInt.empty();
        }
        String pointer = "/" + path.replace("[", "/").replace("]", "").replace(".", "/");
        try (tools.jackson.core.JsonParser parser = yaml.createParser(document)) {
            tools.jackson.core.JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == tools.jackson.core.JsonToken.PROPERTY_NAME
                        || token.isScalarValue()
                        || token.isStructStart()) {
                    String here = parser.streamReadContext().pathAsPointer().toString();
                    if (here.equals(pointer)) {
                        return java.util.OptionalInt.of(
                                parser.currentTokenLocation().getLineNr());
                    }
                }
            }
        } catch (JacksonException unreadable) {
            // the error is then the parser's own, with its line already
        }
        return java.util.OptionalInt.empty();
    }

    static String excerpt(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }
}
