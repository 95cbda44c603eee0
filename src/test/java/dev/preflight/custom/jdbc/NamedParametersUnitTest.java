package dev.preflight.custom.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.custom.SourceContext;
import dev.preflight.custom.SourceFailure;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamedParametersUnitTest {

    private static final SourceContext CONTEXT = new SourceContext("SHOP", "2.4", "shop-2.4", List.of("A-1", "A-2"));

    private static NamedParameters bind(String query) throws SourceFailure {
        return NamedParameters.bind(query, Dialect.POSTGRESQL, CONTEXT);
    }

    @Test
    void everyNamedParameterBecomesAPlaceholderWithItsValueInOrder() throws SourceFailure {
        NamedParameters bound = bind(
                "select * from m where project = :project and rel = :release and pkg = :packagingRelease or p2 = :project");

        assertThat(bound.sql()).isEqualTo("select * from m where project = ? and rel = ? and pkg = ? or p2 = ?");
        assertThat(bound.values()).containsExactly("SHOP", "2.4", "shop-2.4", "SHOP");
    }

    @Test
    void ticketsExpandToOnePlaceholderEach() throws SourceFailure {
        NamedParameters bound = bind("select * from m where key in (:tickets) and rel = :release");

        assertThat(bound.sql()).isEqualTo("select * from m where key in (?, ?) and rel = ?");
        assertThat(bound.values()).containsExactly("A-1", "A-2", "2.4");
    }

    @Test
    void noTicketsIsASingleNullSoTheInListMatchesNothing() throws SourceFailure {
        NamedParameters bound = NamedParameters.bind(
                "select * from m where key in (:tickets)",
                Dialect.MARIADB,
                new SourceContext("SHOP", "2.4", "shop-2.4", List.of()));

        assertThat(bound.sql()).isEqualTo("select * from m where key in (?)");
        assertThat(bound.values()).containsExactly((String) null);
    }

    @Test
    void valuesAreBoundNeverWrittenIntoTheSql() throws SourceFailure {
        SourceContext hostile = new SourceContext("x' or '1'='1", "r", "p", List.of("'); drop table m; --"));

        NamedParameters bound = NamedParameters.bind(
                "select * from m where p = :project and k in (:tickets)", Dialect.MARIADB, hostile);

        assertThat(bound.sql()).isEqualTo("select * from m where p = ? and k in (?)");
        assertThat(bound.values()).containsExactly("x' or '1'='1", "'); drop table m; --");
    }

    @Test
    void castsAreNotParameters() throws SourceFailure {
        NamedParameters bound = bind("select id::text, :release::text from m where d > now()::date");

        assertThat(bound.sql()).isEqualTo("select id::text, ?::text from m where d > now()::date");
        assertThat(bound.values()).containsExactly("2.4");
    }

    @Test
    void quotedTextAndCommentsAreLeftAlone() throws SourceFailure {
        String query = """
                select ':project', "col:release", 'it''s :release' -- :tickets here
                /* :packagingRelease
                   :unknown */ , E'\\' :release', $$ :x $$, $tag$ :y ; $tag$
                from m where r = :release""";

        NamedParameters bound = bind(query);

        assertThat(bound.sql()).isEqualTo(query.replace("r = :release", "r = ?"));
        assertThat(bound.values()).containsExactly("2.4");
    }

    @Test
    void postgresqlNestsBlockComments() throws SourceFailure {
        assertThat(bind("select 1 /* a /* :x */ :y */ where a = :release").sql())
                .isEqualTo("select 1 /* a /* :x */ :y */ where a = ?");
    }

    @Test
    void mariadbKnowsBackslashesBackticksAndHashComments() throws SourceFailure {
        String query = "select 'it\\'s :x', `a:b`, \"q\\\":y\" # :z\nfrom m where a = :release -- :w";

        NamedParameters bound = NamedParameters.bind(query, Dialect.MARIADB, CONTEXT);

        assertThat(bound.sql()).isEqualTo(query.replace("a = :release", "a = ?"));
    }

    @Test
    void mariadbDoubleDashNeedsASpaceToBeAComment() throws SourceFailure {
        assertThat(NamedParameters.bind("select 1--:release", Dialect.MARIADB, CONTEXT)
                        .sql())
                .isEqualTo("select 1--?");
    }

    @Test
    void mariadbExecutableCommentsAreRefused() {
        assertThatThrownBy(() -> NamedParameters.bind("select 1 /*! ; delete from m */", Dialect.MARIADB, CONTEXT))
                .hasMessage("the query has an executable comment /*! ... */");
    }

    @Test
    void sqlServerBracketsAndOracleAlternativeQuotes() throws SourceFailure {
        assertThat(NamedParameters.bind("select [a:b] from m where x = :release", Dialect.SQLSERVER, CONTEXT)
                        .sql())
                .isEqualTo("select [a:b] from m where x = ?");
        assertThat(NamedParameters.bind(
                                "select q'[it's :x]', nq'{:y}' from dual where x = :release", Dialect.ORACLE, CONTEXT)
                        .sql())
                .isEqualTo("select q'[it's :x]', nq'{:y}' from dual where x = ?");
    }

    @Test
    void assignmentsAndNumbersAfterAColonAreNotParameters() throws SourceFailure {
        assertThat(NamedParameters.bind("select @a := 1, '10:30', a[1:2]", Dialect.MARIADB, CONTEXT)
                        .values())
                .isEmpty();
    }

    @Test
    void anUnknownParameterIsNamed() {
        assertThatThrownBy(() -> bind("select * from m where a = :projet"))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("the query has an unknown parameter :projet"
                        + " (known: :project, :release, :packagingRelease, :tickets)");
        assertThatThrownBy(() -> bind("select :PROJECT")).hasMessageContaining(":PROJECT");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "select 1; delete from m",
                "select 1;delete from m",
                "select 1; 'x'",
                "select 1 -- x\n; select 2",
                "select ';'; drop table m"
            })
    void aSecondStatementIsRefused(String query) {
        assertThatThrownBy(() -> bind(query))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("the query holds more than one statement (a ';' outside quotes and comments)");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTrailingSemicolonIsDropped(Dialect dialect) throws SourceFailure {
        assertThat(NamedParameters.bind("select a from m where r = :release; -- done\n ;", dialect, CONTEXT)
                        .sql())
                .isEqualTo("select a from m where r = ? -- done");
    }

    @Test
    void aMysqlBackslashCannotHideASecondStatement() {
        // MariaDB reads 'a\'' ; delete ... as the string a' then a second statement
        assertThatThrownBy(() -> NamedParameters.bind("select 'a\\'' ; delete from m; -- '", Dialect.MARIADB, CONTEXT))
                .hasMessageContaining("more than one statement");
    }

    @Test
    void positionalPlaceholdersAreRefused() {
        assertThatThrownBy(() -> bind("select * from m where a = ?"))
                .hasMessageStartingWith("the query has a '?': use the named parameters :project");
        assertThatThrownBy(() -> bind("select * from m where j ?? 'k'")).hasMessageContaining("'?'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"select 'open", "select \"open", "select /* open", "select $$ open", "select $a$ x $b$"})
    void unterminatedQuotesAndCommentsAreRefused(String query) {
        assertThatThrownBy(() -> bind(query)).hasMessageStartingWith("the query has an unterminated");
    }

    @Test
    void anEmptyQueryIsRefused() {
        assertThatThrownBy(() -> bind("  ;  ")).hasMessage("the query is empty");
    }

    @Test
    void theValuesCannotBeChanged() throws SourceFailure {
        List<String> values = bind("select :release").values();

        assertThatThrownBy(() -> values.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Arrays.asList(values.toArray())).containsExactly("2.4");
    }
}
