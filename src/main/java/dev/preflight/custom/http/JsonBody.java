package dev.preflight.custom.http;

import dev.preflight.custom.SourceFailure;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** An answer's body as plain JSON values (maps, lists, strings, numbers, booleans, null) for JSONata. */
final class JsonBody {

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param what the request, as it may be shown (method and URL without query)
     */
    @Nullable
    Object parse(OutboundHttp.Answer answer, Object what) throws SourceFailure {
        String type = answer.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.contains("html")) {
            throw new SourceFailure(what + " answered " + mediaType + ", not JSON");
        }
        if (answer.body().length == 0) {
            return null;
        }
        try {
            return json.readValue(answer.body(), Object.class);
        } catch (JacksonException e) {
            throw new SourceFailure(
                    what + " answered " + (mediaType.isEmpty() ? "something" : mediaType) + " that is not JSON");
        }
    }

    byte[] write(@Nullable Object value) {
        return json.writeValueAsBytes(value);
    }
}
