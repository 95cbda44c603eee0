package dev.preflight.custom.jdbc;

import dev.preflight.custom.SourceFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A result set as JSON-ready rows for JSONata: objects keyed by lower-case column label, values
 * as strings, {@code Long}, {@code BigDecimal}, {@code Double}, {@code Boolean}, lists or null.
 * Times become ISO-8601 text (an instant when the column has a zone), bytes Base64.
 *
 * @param bytes an estimate of the rows' JSON size
 */
record ResultRows(List<Map<String, @Nullable Object>> rows, long bytes) {

    // SQL Server's DATETIMEOFFSET and Oracle's TIMESTAMP WITH (LOCAL) TIME ZONE, outside java.sql.Types
    private static final int SQLSERVER_DATETIMEOFFSET = -155;
    private static final int ORACLE_TIMESTAMPTZ = -101;
    private static final int ORACLE_TIMESTAMPLTZ = -102;

    ResultRows {
        rows = Collections.unmodifiableList(rows);
    }

    /** Reads at most {@code maxRows} rows and {@code maxBytes} of estimated JSON, else a one-line failure. */
    static ResultRows read(ResultSet result, Dialect dialect, int maxRows, long maxBytes)
            throws SQLException, SourceFailure {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        List<String> labels = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            if (labels.contains(label)) {
                // a silent overwrite would lose data the checks rely on
                throw new SourceFailure("column " + label + " appears twice in the result: give it an alias");
            }
            labels.add(label);
        }
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        long bytes = 2;
        while (result.next()) {
            if (rows.size() == maxRows) {
                throw new SourceFailure("the query returned more than " + maxRows + " rows (max-rows)");
            }
            Map<String, @Nullable Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= columns; i++) {
                row.put(labels.get(i - 1), value(result, i, meta.getColumnType(i), typeName(meta, i), dialect));
            }
            bytes += size(row) + 1;
            if (bytes > maxBytes) {
                throw new SourceFailure("the rows exceed " + maxBytes + " bytes as JSON (max-answer-bytes)");
            }
            rows.add(row);
        }
        return new ResultRows(rows, bytes);
    }

    private static String typeName(ResultSetMetaData meta, int column) throws SQLException {
        String name = meta.getColumnTypeName(column);
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private static @Nullable Object value(ResultSet result, int column, int type, String typeName, Dialect dialect)
            throws SQLException {
        @Nullable
        Object value = switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE, SQLSERVER_DATETIMEOFFSET, ORACLE_TIMESTAMPTZ, ORACLE_TIMESTAMPLTZ ->
                instant(result, column);
            // PostgreSQL reports timestamptz as TIMESTAMP; its name tells them apart
            case Types.TIMESTAMP ->
                typeName.equals("timestamptz")
                        ? instant(result, column)
                        : result.getObject(column, LocalDateTime.class);
            // an Oracle DATE has a time of day
            case Types.DATE ->
                dialect == Dialect.ORACLE
                        ? result.getObject(column, LocalDateTime.class)
                        : result.getObject(column, LocalDate.class);
            case Types.TIME_WITH_TIMEZONE -> result.getObject(column, OffsetTime.class);
            case Types.TIME ->
                typeName.equals("timetz")
                        ? result.getObject(column, OffsetTime.class)
                        : result.getObject(column, LocalTime.class);
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.CLOB,
                    Types.NCLOB,
                    Types.SQLXML -> result.getString(column);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> result.getBytes(column);
            default -> result.getObject(column);
        };
        return result.wasNull() ? null : plain(value);
    }

    private static @Nullable Object instant(ResultSet result, int column) throws SQLException {
        OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A driver's Java value as a JSON-friendly one; anything unknown becomes its text. */
    static @Nullable Object plain(@Nullable Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Boolean bool -> bool;
            case Long number -> number;
            case Integer number -> number.longValue();
            case Short number -> number.longValue();
            case Byte number -> number.longValue();
            case BigInteger number -> number.bitLength() < 64 ? number.longValue() : new BigDecimal(number);
            case BigDecimal number -> whole(number);
            // through the text, so that 1.1f stays 1.1 rather than 1.100000023841858
            case Float number -> Float.isFinite(number) ? Double.parseDouble(number.toString()) : number.toString();
            case Double number -> Double.isFinite(number) ? number : number.toString();
            case java.sql.Timestamp time -> time.toLocalDateTime().toString();
            case java.sql.Date date -> date.toLocalDate().toString();
            case java.sql.Time time -> time.toLocalTime().toString();
            case OffsetDateTime time -> time.toInstant().toString();
            case ZonedDateTime time -> time.toInstant().toString();
            case TemporalAccessor time -> time.toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Clob clob -> clob.getSubString(1, (int) Math.min(clob.length(), Integer.MAX_VALUE));
            case SQLXML xml -> xml.getString();
            case Array array -> list(array);
            case Object[] items -> list(items);
            default -> value.getClass().isArray() ? list(primitives(value)) : value.toString();
        };
    }

    /** A whole number with scale 0 that fits a long is a Long; other decimals keep their scale. */
    private static Object whole(BigDecimal number) {
        if (number.scale() <= 0) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return number;
            }
        }
        return number;
    }

    private static List<@Nullable Object> list(Array array) throws SQLException {
        try {
            Object items = array.getArray();
            return items instanceof Object[] objects ? list(objects) : list(primitives(items));
        } finally {
            array.free();
        }
    }

    private static List<@Nullable Object> list(@Nullable Object[] items) throws SQLException {
        List<@Nullable Object> list = new ArrayList<>(items.length);
        for (Object item : items) {
            list.add(plain(item));
        }
        return list;
    }

    private static @Nullable Object[] primitives(Object array) {
        @Nullable Object[] items = new Object[java.lang.reflect.Array.getLength(array)];
        for (int i = 0; i < items.length; i++) {
            items[i] = java.lang.reflect.Array.get(array, i);
        }
        return items;
    }

    /** JSON's size, roughly: escapes are not counted. */
    private static long size(@Nullable Object value) {
        return switch (value) {
            case null -> 4;
            case String text -> text.length() + 2L;
            case Map<?, ?> map -> {
                long total = 2;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    total += String.valueOf(entry.getKey()).length() + 4L + size(entry.getValue());
                }
                yield total;
            }
            case List<?> list -> {
                long total = 2;
                for (Object item : list) {
                    total += size(item) + 1;
                }
                yield total;
            }
            default -> value.toString().length();
        };
    }
}
