package dev.preflight.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A typed subset of Adaptive Cards (schema 1.4, and 1.5's Table), serialised by Jackson. Only
 * what the report card uses; every element carries its {@code type} as the schema requires.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdaptiveCard(
        @JsonProperty("$schema") String schema,
        String type,
        String version,
        List<Element> body,
        @Nullable List<Action> actions,
        @Nullable MsTeams msteams) {

    public static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

    public static AdaptiveCard of(
            String version, List<Element> body, @Nullable List<Action> actions, @Nullable MsTeams msteams) {
        return new AdaptiveCard(SCHEMA, "AdaptiveCard", version, body, actions, msteams);
    }

    /** Any body element. */
    public sealed interface Element permits TextBlock, FactSet, ColumnSet, Container, Table {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TextBlock(
            String type,
            String text,
            @Nullable String size,
            @Nullable String weight,
            @Nullable Boolean isSubtle,
            @Nullable Boolean wrap,
            @Nullable String spacing,
            @Nullable String color)
            implements Element {
        public static TextBlock of(String text) {
            return new TextBlock("TextBlock", text, null, null, null, true, null, null);
        }

        public static TextBlock title(String text) {
            return new TextBlock("TextBlock", text, "Large", "Bolder", null, true, null, null);
        }

        /** The card's first line: red when the release is not ready, green when it is. */
        public static TextBlock verdict(String text, boolean ready) {
            return new TextBlock("TextBlock", text, "Large", "Bolder", null, true, null, ready ? "Good" : "Attention");
        }

        public static TextBlock subtle(String text) {
            return new TextBlock("TextBlock", text, "Small", null, true, true, "None", null);
        }

        public static TextBlock heading(String text) {
            return new TextBlock("TextBlock", text, "Medium", "Bolder", null, true, "Medium", null);
        }

        public static TextBlock bold(String text) {
            return new TextBlock("TextBlock", text, null, "Bolder", null, true, null, null);
        }
    }

    public record FactSet(String type, List<Fact> facts) implements Element {
        public static FactSet of(List<Fact> facts) {
            return new FactSet("FactSet", facts);
        }
    }

    public record Fact(String title, String value) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnSet(
            String type,
            List<Column> columns,
            @Nullable String separator,
            @Nullable String spacing) implements Element {
        public static ColumnSet of(List<Column> columns, boolean separated) {
            return new ColumnSet("ColumnSet", columns, null, separated ? "Small" : null);
        }
    }

    public record Column(String type, String width, List<Element> items) {
        public static Column of(String width, Element item) {
            return new Column("Column", width, List.of(item));
        }
    }

    public record Container(String type, List<Element> items) implements Element {
        public static Container of(List<Element> items) {
            return new Container("Container", items);
        }
    }

    /** Adaptive Cards 1.5 only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Table(
            String type,
            List<TableColumn> columns,
            List<TableRow> rows,
            Boolean firstRowAsHeader,
            Boolean showGridLines)
            implements Element {
        public static Table of(List<TableColumn> columns, List<TableRow> rows) {
            return new Table("Table", columns, rows, true, true);
        }
    }

    public record TableColumn(int width) {}

    public record TableRow(String type, List<TableCell> cells) {
        public static TableRow of(List<TableCell> cells) {
            return new TableRow("TableRow", cells);
        }
    }

    public record TableCell(String type, List<Element> items) {
        public static TableCell of(Element item) {
            return new TableCell("TableCell", List.of(item));
        }
    }

    public record Action(String type, String title, String url) {
        public static Action openUrl(String title, String url) {
            return new Action("Action.OpenUrl", title, url);
        }
    }

    /** Teams' extension: full width, and the entities that make {@code <at>Name</at>} a mention. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MsTeams(@Nullable String width, @Nullable List<Mention> entities) {}

    public record Mention(String type, String text, Mentioned mentioned) {
        public static Mention of(String name, String upn) {
            return new Mention("mention", "<at>" + name + "</at>", new Mentioned(upn, name));
        }
    }

    public record Mentioned(String id, String name) {}
}
