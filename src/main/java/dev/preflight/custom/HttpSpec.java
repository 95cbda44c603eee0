package dev.preflight.custom;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP source. {@code url}, query values, header values and string leaves of {@code body} may
 * hold the placeholders {@code {project}}, {@code {release}}, {@code {packagingRelease}} and
 * {@code {tickets}}.
 *
 * @param method GET or POST
 * @param body a JSON value (maps, lists, strings...) sent as the POST body, or null
 */
public record HttpSpec(
        String url,
        String method,
        Map<String, String> query,
        Map<String, String> headers,
        @Nullable Object body,
        Auth auth,
        Pagination paginate) {

    public HttpSpec {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public enum AuthType {
        NONE,
        BASIC,
        BEARER,
        HEADER,
        OAUTH2
    }

    /**
     * @param user basic's user name
     * @param secret the secret's name (never its value): basic's password, bearer's token, the
     *     header's value, OAuth2's client secret
     * @param name the header's name
     * @param tokenUrl OAuth2 client-credentials token endpoint (same host rules as the source)
     */
    public record Auth(
            AuthType type,
            @Nullable String user,
            @Nullable String secret,
            @Nullable String name,
            @Nullable String tokenUrl,
            @Nullable String clientId,
            @Nullable String scope) {

        public static final Auth NONE = new Auth(AuthType.NONE, null, null, null, null, null, null);
    }

    public enum PaginationType {
        NONE,
        PAGE,
        OFFSET,
        CURSOR,
        LINK
    }

    /**
     * @param param the page number's, offset's or cursor's query parameter
     * @param sizeParam the page size's query parameter (page, offset)
     * @param size items asked per page; a shorter page is the last
     * @param start the first page's number (0 or 1)
     * @param path JSONata path of the next cursor in an answer (cursor)
     * @param items JSONata path of the items in an answer that is not itself an array
     * @param maxPages paging stops here
     */
    public record Pagination(
            PaginationType type,
            @Nullable String param,
            @Nullable String sizeParam,
            int size,
            int start,
            @Nullable String path,
            @Nullable String items,
            int maxPages) {

        public static final int DEFAULT_MAX_PAGES = 100;
        public static final Pagination NONE =
                new Pagination(PaginationType.NONE, null, null, 0, 0, null, null, DEFAULT_MAX_PAGES);
    }
}
