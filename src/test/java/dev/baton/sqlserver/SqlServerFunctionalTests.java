package dev.baton.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.Sha256;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton sql-server} in this JVM over a published night; a BI client in a second JVM with the official
 * Arrow Flight SQL JDBC driver. The expected values are the same questions asked of the published file through
 * DuckDB's own JDBC driver in this JVM.
 */
class SqlServerFunctionalTests {

    static final String ANALYST = "analyst";
    static final String ANALYST_PASSWORD = "analyst-secret-1";
    static final String DASHBOARDS = "dashboards";
    static final String DASHBOARDS_PASSWORD = "dash-secret-2";

    @TempDir
    static Path workspace;
    static Path warehouse;
    static SqlServer server;
    static String url;

    @BeforeAll
    static void publishANightAndServeIt() throws Exception {
        Path landing = workspace.resolve("landing");
        warehouse = workspace.resolve("warehouse");
        new LandingGenerator(5, 60, YearMonth.of(2023, 7), 18).writeTo(landing);
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-09-30")).isZero();
        // users through the command line, passwords on standard input
        assertThat(withStdin(ANALYST_PASSWORD + "\n", () -> BatonCli.execute("sql-user", "add", ANALYST, "--tables", "*",
                "--warehouse", warehouse.toString())).exitCode()).isZero();
        assertThat(withStdin(DASHBOARDS_PASSWORD + "\n", () -> BatonCli.execute("sql-user", "add", DASHBOARDS,
                "--warehouse", warehouse.toString())).exitCode()).isZero();
        server = SqlServer.start(new WarehouseLayout(warehouse), SqlServerSettings.defaults("127.0.0.1", 0), System.err);
        url = "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=false";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void usersFileKeepsOnlyBcryptHashesAndListsTheTables() throws Exception {
        String file = Files.readString(warehouse.resolve("state/sql-users"));
        assertThat(file).doesNotContain(ANALYST_PASSWORD).doesNotContain(DASHBOARDS_PASSWORD).contains("\t$2a$10$");
        Scenarios.Captured list = Scenarios.capture(() -> BatonCli.execute("sql-user", "list", "--warehouse", warehouse.toString()));
        assertThat(list.out()).isEqualTo("analyst\t*\ndashboards\tbi_*,mart_*\n");
    }

    @Test
    void readsEveryBiViewAndMartAndListsThemWithTheirColumns() throws Exception {
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        List<String> names = published.rows("select table_name from information_schema.tables where table_schema = 'main'"
                + " and (table_name like 'bi\\_%' escape '\\' or table_name like 'mart\\_%' escape '\\') order by 1")
                .stream().map(row -> (String) row.get("table_name")).toList();
        assertThat(names).contains("bi_revenue_bridge", "bi_account_mrr", "mart_mrr_bridge", "mart_cohort_nrr").hasSizeGreaterThan(15);
        try (FlightSqlClient client = new FlightSqlClient()) {
            assertThat(client.ask("connect", url, ANALYST, ANALYST_PASSWORD)).isEqualTo("connected");
            for (String name : names) {
                long expected = published.count("select * from " + name);
                assertThat(client.ask("query", "select count(*) from " + name)).as(name).isEqualTo("ok rows=1 first=" + expected);
            }
            Object closing = published.row("select sum(closing_mrr) as s from mart_mrr_bridge").get("s");
            assertThat(client.ask("query", "select sum(closing_mrr) from mart_mrr_bridge")).isEqualTo("ok rows=1 first=" + closing);

            String tables = client.ask("tables");
            for (String name : names) {
                assertThat(tables).contains(name + ":");
            }
            assertThat(tables).contains("bi_revenue_bridge:VIEW").contains("stg_accounts:");
            // the remarks are the column descriptions (sql/bi/bi_revenue_bridge.yml), passed through as Flight SQL column metadata
            List<String> columns = published.rows("select column_name, data_type, comment from duckdb_columns() where table_name = 'bi_revenue_bridge'"
                    + " order by column_index").stream().map(row -> row.get("column_name") + ":" + row.get("data_type") + ":" + row.get("comment")).toList();
            assertThat(columns).anyMatch(column -> column.startsWith("net_new_mrr:") && column.endsWith(":closing_mrr - opening_mrr, reporting currency."));
            assertThat(client.ask("columns", "bi_revenue_bridge")).isEqualTo("columns " + String.join(",", columns));
        }
    }

    @Test
    void refusesAWrongPasswordAnUnknownUserAndNoCredentials() throws Exception {
        try (FlightSqlClient client = new FlightSqlClient()) {
            assertThat(client.ask("connect", url, ANALYST, "not-the-password")).startsWith("error").contains("UNAUTHENTICATED");
            assertThat(client.ask("connect", url, "mallory", ANALYST_PASSWORD)).startsWith("error").contains("UNAUTHENTICATED");
            String anonymous = client.ask("connect", url, "-", "-");
            if (anonymous.equals("connected")) {
                anonymous = client.ask("query", "select 1");
            }
            assertThat(anonymous).startsWith("error").contains("UNAUTHENTICATED");
        }
        String audit = Files.readString(warehouse.resolve("state/sql-audit.log"));
        assertThat(audit).contains("user=mallory\t").contains("login refused");
    }

    @Test
    void refusesEveryWritingOrEscapingStatementAndLogsIt() throws Exception {
        Map<String, String> forbidden = Map.of(
                "insert into dim_account select * from dim_account", "only SELECT, WITH, DESCRIBE, SHOW and EXPLAIN",
                "select 1; select 2", "one statement per request",
                "select * from read_csv('/etc/passwd')", "disabled by configuration",
                "attach '/tmp/other.duckdb' as other", "not ATTACH",
                "copy (select 1) to '/tmp/out.csv'", "not COPY",
                "install httpfs", "not INSTALL",
                "load json", "not LOAD",
                "set threads = 1", "not SET",
                "select * from read_parquet('" + warehouse.resolve("parquet") + "/*.parquet')", "disabled by configuration");
        try (FlightSqlClient client = new FlightSqlClient()) {
            assertThat(client.ask("connect", url, ANALYST, ANALYST_PASSWORD)).isEqualTo("connected");
            for (Map.Entry<String, String> statement : forbidden.entrySet()) {
                assertThat(client.ask("query", statement.getKey())).as(statement.getKey()).startsWith("error").contains(statement.getValue());
            }
        }
        List<String> audit = Files.readAllLines(warehouse.resolve("state/sql-audit.log"));
        for (String statement : forbidden.keySet()) {
            assertThat(audit).as(statement).anyMatch(line -> line.contains("sha256=" + Sha256.hex(statement)) && line.contains("refused=yes"));
        }
    }

    @Test
    void aUserLimitedToMartsAndBiViewsCannotReadStaging() throws Exception {
        try (FlightSqlClient client = new FlightSqlClient()) {
            assertThat(client.ask("connect", url, DASHBOARDS, DASHBOARDS_PASSWORD)).isEqualTo("connected");
            assertThat(client.ask("query", "select count(*) from bi_revenue_bridge")).startsWith("ok rows=1");
            assertThat(client.ask("query", "with m as (select * from mart_mrr_bridge) select count(*) from m")).startsWith("ok rows=1");
            for (String sneaky : List.of("select * from stg_accounts",
                    "select * from bi_revenue_bridge where 0 < (select count(*) from stg_accounts)",
                    "select * from main.stg_accounts",
                    "select * from query('select * from stg_accounts')",
                    "select * from query_table('stg_accounts')",
                    "with x as (select 1) select * from stg_accounts",
                    "describe stg_accounts",
                    "show tables",
                    "explain select * from stg_accounts",
                    "select * from information_schema.tables")) {
                assertThat(client.ask("query", sneaky)).as(sneaky).startsWith("error").contains("refused");
            }
            String tables = client.ask("tables");
            assertThat(tables).contains("bi_revenue_bridge:VIEW").contains("mart_mrr_bridge:").doesNotContain("stg_").doesNotContain("fct_");
        }
    }

    @Test
    void withACertificateOnlyTlsClientsGetIn() throws Exception {
        TestCertificate certificate = TestCertificate.create(Files.createDirectories(workspace.resolve("tls")));
        SqlServerSettings settings = SqlServerSettings.defaults("127.0.0.1", 0).withTls(certificate.certificatePem(), certificate.keyPem());
        try (SqlServer tls = SqlServer.start(new WarehouseLayout(warehouse), settings, System.err);
                FlightSqlClient client = new FlightSqlClient()) {
            String secure = "jdbc:arrow-flight-sql://localhost:" + tls.port() + "?useEncryption=true&useSystemTrustStore=false&trustStore="
                    + certificate.trustStore() + "&trustStorePassword=" + certificate.password();
            assertThat(client.ask("connect", secure, ANALYST, ANALYST_PASSWORD)).isEqualTo("connected");
            assertThat(client.ask("query", "select count(*) from bi_revenue_bridge")).startsWith("ok rows=1 first=");
            String plain = "jdbc:arrow-flight-sql://localhost:" + tls.port() + "?useEncryption=false";
            String refused = client.ask("connect", plain, ANALYST, ANALYST_PASSWORD);
            if (refused.equals("connected")) {
                refused = client.ask("query", "select 1");
            }
            assertThat(refused).startsWith("error").contains("UNAVAILABLE");
        }
    }

    @Test
    void aResultOverTheRowLimitAndAStatementOverTheTimeoutFailWithTheirReason() throws Exception {
        SqlServerSettings settings = SqlServerSettings.defaults("127.0.0.1", 0).withLimits(Duration.ofSeconds(2), 100, 2);
        try (SqlServer limited = SqlServer.start(new WarehouseLayout(warehouse), settings, System.err);
                FlightSqlClient client = new FlightSqlClient()) {
            String limitedUrl = "jdbc:arrow-flight-sql://127.0.0.1:" + limited.port() + "?useEncryption=false";
            assertThat(client.ask("connect", limitedUrl, ANALYST, ANALYST_PASSWORD)).isEqualTo("connected");
            assertThat(client.ask("query", "select range from range(100)")).isEqualTo("ok rows=100 first=0");
            assertThat(client.ask("query", "select range from range(101)")).startsWith("error").contains("more than 100 rows");
            long started = System.nanoTime();
            // 10^12 rows of a cross join: minutes of work, cancelled after 2 s
            assertThat(client.ask("query", "select sum(a.range * b.range) from range(1000000) a, range(1000000) b"))
                    .startsWith("error").contains("statement timeout of 2 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(client.ask("query", "select 42")).isEqualTo("ok rows=1 first=42");
        }
    }

    static Scenarios.Captured withStdin(String input, Callable<Integer> command) throws Exception {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return Scenarios.capture(command);
        } finally {
            System.setIn(original);
        }
    }

}
