package dev.preflight.custom.jdbc;

import dev.preflight.custom.SourceContext;
import dev.preflight.custom.SourceFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A query whose named parameters ({@code :project}, {@code :release}, {@code :packagingRelease},
 * {@code :tickets}) became JDBC's {@code ?}, with the values to bind in order: values are always
 * bound, never written into the SQL.
 *
 * <p>The scan knows each dialect's quotes and comments, so that {@code ':x'}, {@code "a:b"},
 * {@code -- :x}, PostgreSQL's {@code x::text} and {@code $$...$$} are left alone, and so that a
 * second statement after a {@code ;} is refused. The read-only transaction stays the real guard
 * against writes; this refusal only keeps queries honest and errors clear.
 *
 * @param sql the query with {@code ?} placeholders and without a trailing {@code ;}
 * @param values one per placeholder; {@code null} stands in for an empty ticket list
 */
record NamedParameters(String sql, List<@Nullable String> values) {

    static final List<String> NAMES = List.of("project", "release", "packagingRelease", "tickets");

    NamedParameters {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The query ready to prepare, or a one-line reason (unknown parameter, second statement, open quote). */
    static NamedParameters bind(String query, Dialect dialect, SourceContext context) throws SourceFailure {
        return new Scan(query, dialect, context).run();
    }

    private static final class Scan {

        private final String query;
        private final Dialect dialect;
        private final SourceContext context;
        private final StringBuilder sql = new StringBuilder();
        private final List<@Nullable String> values = new ArrayList<>();
        private int at;
        private boolean ended;

        Scan(String query, Dialect dialect, SourceContext context) {
            this.query = query;
            this.dialect = dialect;
            this.context = context;
        }

        NamedParameters run() throws SourceFailure {
            while (at < query.length()) {
                char c = query.charAt(at);
                int end = skipped(c);
                boolean comment = end > at && (c == '-' || c == '#' || c == '/');
                if (ended && !comment && !Character.isWhitespace(c) && c != ';') {
                    throw new SourceFailure(
                            "the query holds more than one statement (a ';' outside quotes and comments)");
                }
                if (end > at) {
                    sql.append(query, at, end);
                    at = end;
                } else if (Character.isWhitespace(c)) {
                    sql.append(c);
                    at++;
                } else if (c == ';') {
                    ended = true;
                    at++;
                } else if (c == '?') {
                    throw new SourceFailure("the query has a '?': use the named parameters "
                            + String.join(", ", NAMES.stream().map(n -> ":" + n).toList()));
                } else if (c == ':') {
                    parameter();
                } else {
                    sql.append(c);
                    at++;
                }
            }
            if (sql.isEmpty() || sql.toString().isBlank()) {
                throw new SourceFailure("the query is empty");
            }
            return new NamedParameters(sql.toString().stripTrailing(), values);
        }

        /** Where the quoted text or comment starting here ends, or {@code at} when none starts here. */
        private int skipped(char c) throws SourceFailure {
            boolean mariadb = dialect == Dialect.MARIADB;
            if (c == '\'') {
                return quoted('\'', mariadb || escapeString());
            }
            if (c == '"') {
                return quoted('"', mariadb);
            }
            if (c == '`' && mariadb) {
                return quoted('`', false);
            }
            if (c == '[' && dialect == Dialect.SQLSERVER) {
                return closedBy(at + 1, "]", "a [bracketed name]");
            }
            if (c == '$' && dialect == Dialect.POSTGRESQL && !afterWordChar(at)) {
                return dollarQuoted();
            }
            if ((c == 'q' || c == 'Q') && dialect == Dialect.ORACLE && startsAt(at + 1, "'") && oracleQuoteStart()) {
                return alternativeQuoted();
            }
            if (c == '-' && startsAt(at + 1, "-") && (!mariadb || spaceOrEnd(at + 2))) {
                return lineEnd(at + 2);
            }
            if (c == '#' && mariadb) {
                return lineEnd(at + 1);
            }
            if (c == '/' && startsAt(at + 1, "*")) {
                if (mariadb && (startsAt(at + 2, "!") || startsAt(at + 2, "M!"))) {
                    // MariaDB runs the text of /*! ... */ as SQL: not a comment at all
                    throw new SourceFailure("the query has an executable comment /*! ... */");
                }
                return blockCommentEnd();
            }
            return at;
        }

        private void parameter() throws SourceFailure {
            if (startsAt(at + 1, ":")) {
                sql.append("::"); // a PostgreSQL cast, x::text
                at += 2;
                return;
            }
            int start = at + 1;
            int end = start;
            while (end < query.length() && isWordChar(query.charAt(end))) {
                end++;
            }
            if (end == start || !Character.isLetter(query.charAt(start)) && query.charAt(start) != '_') {
                sql.append(':'); // := or :1, not ours
                at++;
                return;
            }
            String name = query.substring(start, end);
            switch (name) {
                case "project" -> placeholder(context.project());
                case "release" -> placeholder(context.release());
                case "packagingRelease" -> placeholder(context.packagingRelease());
                case "tickets" -> tickets();
                default ->
                    throw new SourceFailure("the query has an unknown parameter :" + name + " (known: "
                            + String.join(", ", NAMES.stream().map(n -> ":" + n).toList()) + ")");
            }
            at = end;
        }

        private void placeholder(@Nullable String value) {
            sql.append('?');
            values.add(value);
        }

        /** One placeholder per ticket; none gives a single NULL, so {@code IN (NULL)} matches nothing. */
        private void tickets() {
            if (context.tickets().isEmpty()) {
                placeholder(null);
                return;
            }
            for (int i = 0; i < context.tickets().size(); i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                placeholder(context.tickets().get(i));
            }
        }

        /** {@code q'} or {@code nq'} starting a word. */
        private boolean oracleQuoteStart() {
            return startOfWord(at)
                    || at > 0 && (query.charAt(at - 1) == 'n' || query.charAt(at - 1) == 'N') && startOfWord(at - 1);
        }

        /** PostgreSQL's E'...' strings (escape syntax) honour backslashes. */
        private boolean escapeString() {
            return dialect == Dialect.POSTGRESQL
                    && at > 0
                    && (query.charAt(at - 1) == 'E' || query.charAt(at - 1) == 'e')
                    && startOfWord(at - 1);
        }

        private int quoted(char quote, boolean backslashEscapes) throws SourceFailure {
            int i = at + 1;
            while (i < query.length()) {
                char c = query.charAt(i);
                if (backslashEscapes && c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    if (i + 1 < query.length() && query.charAt(i + 1) == quote) {
                        i += 2; // doubled: an escaped quote
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            throw new SourceFailure("the query has an unterminated " + quote + " quote");
        }

        private int closedBy(int from, String close, String what) throws SourceFailure {
            int end = query.indexOf(close, from);
            if (end < 0) {
                throw new SourceFailure("the query has an unterminated " + what);
            }
            return end + close.length();
        }

        /** {@code $$...$$} or {@code $tag$...$tag$}; a lone {@code $} (as in {@code $1}) is plain text. */
        private int dollarQuoted() throws SourceFailure {
            int i = at + 1;
            if (i < query.length() && Character.isLetter(query.charAt(i)) || startsAt(i, "_")) {
                while (i < query.length() && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
                    i++;
                }
            }
            if (!startsAt(i, "$")) {
                return at;
            }
            String tag = query.substring(at, i + 1);
            return closedBy(i + 1, tag, "dollar quote " + tag);
        }

        /** Oracle's q'[...]', q'{...}', q'<...>', q'(...)' or q'X...X'. */
        private int alternativeQuoted() throws SourceFailure {
            if (at + 2 >= query.length()) {
                throw new SourceFailure("the query has an unterminated q'...' quote");
            }
            char open = query.charAt(at + 2);
            char close = switch (open) {
                case '[' -> ']';
                case '{' -> '}';
                case '(' -> ')';
                case '<' -> '>';
                default -> open;
            };
            return closedBy(at + 3, close + "'", "q'...' quote");
        }

        private int lineEnd(int from) {
            int i = from;
            while (i < query.length() && query.charAt(i) != '\n' && query.charAt(i) != '\r') {
                i++;
            }
            return i;
        }

        /** PostgreSQL and SQL Server nest block comments; MariaDB and Oracle end at the first close. */
        private int blockCommentEnd() throws SourceFailure {
            boolean nests = dialect == Dialect.POSTGRESQL || dialect == Dialect.SQLSERVER;
            int depth = 0;
            int i = at;
            while (i < query.length()) {
                if (startsAt(i, "/*") && (nests || depth == 0)) {
                    depth++;
                    i += 2;
                } else if (startsAt(i, "*/")) {
                    depth--;
                    i += 2;
                    if (depth == 0) {
                        return i;
                    }
                } else {
                    i++;
                }
            }
            throw new SourceFailure("the query has an unterminated /* comment");
        }

        private boolean startsAt(int index, String text) {
            return query.startsWith(text, index);
        }

        private boolean spaceOrEnd(int index) {
            return index >= query.length() || Character.isWhitespace(query.charAt(index));
        }

        private boolean afterWordChar(int index) {
            return index > 0 && isWordChar(query.charAt(index - 1));
        }

        private boolean startOfWord(int index) {
            return !afterWordChar(index);
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
