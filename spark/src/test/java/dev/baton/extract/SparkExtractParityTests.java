package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.baton.spark.SharedSpark;
import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.SqlIdentifiers;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One landing with bad rows (every quarantine reason of a CSV at least once, stray quotes included) extracted by the
 * DuckDB extract into a real build file and by the Spark extract on a local session: the same quarantine rows, the
 * same reconciliation, the same raw archive rows.
 */
class SparkExtractParityTests {

    private static final String HASH_KEY = "test-key-not-a-secret";
    private static final LocalDate RUN_DATE = LocalDate.of(2024, 2, 1);
    private static final List<String> ENTITIES = List.of("deals", "subscriptions", "accounts", "fx_rates", "spend", "tickets");

    @TempDir
    static Path temp;

    static Extracted duckDb;
    static Extracted spark;

    @BeforeAll
    static void extractOnBothEngines() throws Exception {
        // given
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("fx_rates.csv"), """
                date,currency,rate_to_reporting
                2024-01-01,EUR,1.10
                2024-01-01,eur,1.0
                2024-01-02,GBP,-1
                """);
        Files.writeString(landing.resolve("accounts.csv"), """
                account_id,account_name,segment,created_at,updated_at
                A1,Acme,smb,2024-01-01T00:00:00Z,2024-01-01T00:00:00Z
                A2,Beta,mid,2024-01-02,2024-01-02
                ,NoId,smb,2024-01-03,2024-01-03
                A3,Gamma,smb,yesterday,2024-01-03
                A4,Delta
                A5,Eps,smb,2024-01-01,2024-01-01,extra
                A1,Acme,smb,2024-01-01T00:00:00Z,2024-01-01T00:00:00Z

                A6,Zeta,smb,2024-01-01,2024-01-01
                A7,Eta,smb,2024-01-01,2024-01-05
                A7,"Eta, again",smb,2024-01-01,2024-01-05
                """);
        // stray quotes: lines 3-4 merged into one record, line 5 text after a closing quote, 7-8 a quote never closed
        Files.writeString(landing.resolve("accounts_quotes.csv"), """
                account_id,account_name,segment,created_at,updated_at
                A20,Kappa,smb,2024-01-01,2024-01-01
                A21,"Lambda,smb,2024-01-01,2024-01-01
                A22,Mu",smb,,2024-01-01
                A23,"Nu"x,smb,2024-01-01,2024-01-01
                A24,Xi,smb,2024-01-01,2024-01-01
                A25,"Omicron,smb,2024-01-01,2024-01-01
                A26,Pi,smb,2024-01-01,2024-01-01
                """);
        Files.writeString(landing.resolve("deals.csv"), """
                deal_id,account_id,deal_type,stage,amount,currency,created_at,is_won,referred_by_account_id
                D1,A1,new_business,won,100.50,EUR,2024-01-05T10:00:00Z,true,
                D2,A1,upsell,won,10,EUR,2024-01-05,true,
                D3,A2,renewal,won,-5,USD,2024-01-05,false,
                D4,A2,expansion,open,5,JPY,2024-01-05,,
                D5,A2,expansion,open,abc,EUR,2024-01-05,maybe,
                D6,A2,expansion,open,5,EUR,2024-01-05,false,A99
                D7,A2,expansion,,5,EUR,2024-01-05,false,A1
                """);
        Files.writeString(landing.resolve("subscriptions.csv"), """
                subscription_id,account_id,plan,amount,currency,billing_period_months,start_date,end_date,status
                S1,A1,pro,100,EUR,1,2024-01-01,,active
                S2,A1,pro,100,EUR,0,2024-01-01,,active
                S3,A1,pro,100,EUR,one,2024-01-01,,active
                S4,A1,pro,100,EUR,1,2024-02-30,,active
                S5,A1,pro,100,EUR,1,2024-03-01,2024-02-01,active
                S6,A1,pro,100,EUR,1,2024-03-01,,gone
                """);
        Files.writeString(landing.resolve("tickets.csv"), """
                ticket_id,account_id,created_at,status,csat_score,Requester Email
                T1,A1,2024-01-05T10:00:00Z,open,5, Ann@Example.com
                T2,A404,2024-01-05T10:00:00Z,open,4,bob@example.com
                T3,A2,2024-01-05T10:00:00Z,open,9,
                T4,A2
                """);
        Files.writeString(landing.resolve("spend.csv"), """
                month,channel,category,amount,currency
                2024-01,ads,marketing,500,EUR
                """);
        // when: the same landing into two fresh build files, checked by DuckDB and by Spark
        duckDb = extract(landing, "duckdb", null);
        spark = extract(landing, "spark", new SparkDeliveryEngine());
    }

    /** The night's extract tables and landed rows, each row as text, in a stable order. */
    record Extracted(List<String> quarantine, List<String> reconciliation, List<String> ledger, Map<String, List<String>> landed) {
    }

    private static Extracted extract(Path landing, String name, DeliveryEngine engine) throws Exception {
        return extract(temp, landing, name, engine);
    }

    /** The landing extracted into a fresh warehouse {@code <folder>/<name>}, by DuckDB (engine null) or the engine. */
    static Extracted extract(Path folder, Path landing, String name, DeliveryEngine engine) throws Exception {
        SharedSpark.session();
        WarehouseLayout layout = new WarehouseLayout(folder.resolve(name));
        DuckDbFiles files = new DuckDbFiles(new BatonProperties.DuckDb("", 1), layout.tempDir());
        Path buildFile = new BuildFiles(layout, files).createFresh("nightly", RUN_DATE);
        try (Connection connection = files.openReadWrite(buildFile)) {
            connection.setAutoCommit(false);
            new Extraction(connection, RUN_DATE, KeyedHash.fromKey(HASH_KEY), "USD", layout.root().resolve("raw"),
                    1.0, true, engine, new WarehouseLayout.EngineNight(layout.root().resolve("spark-extract"), null))
                    .landing(ENTITIES, landing);
            Map<String, List<String>> landed = new LinkedHashMap<>();
            for (String entity : ENTITIES) {
                landed.put(entity, rows(connection, "select * from landed_" + entity + " order by all"));
            }
            return new Extracted(
                    rows(connection, "select entity, source_file, line_number, column_name, raw_value, reason"
                            + " from quarantine order by entity, source_file, line_number, column_name, reason"),
                    rows(connection, "select entity, source_file, rows_read, rows_loaded, rows_updated, rows_unchanged,"
                            + " rows_quarantined, unknown_columns, missing_columns from load_reconciliation order by entity, source_file"),
                    rows(connection, "select entity, source_file, checksum, rows_read, replace(archive_path, "
                            + SqlIdentifiers.quoteLiteral(layout.root().toString()) + ", '') from load_ledger order by entity, source_file"),
                    landed);
        }
    }

    @Test
    void quarantineRowsAreTheDuckDbExtracts() {
        assertThat(spark.quarantine()).isEqualTo(duckDb.quarantine());
        // by hand: accounts lines 4-7 and 11-12, accounts_quotes 3-5 and 7-8, deals 3-8 (line 6 twice),
        // subscriptions 3-7, fx_rates 3-4, tickets 3-5
        assertThat(spark.quarantine()).hasSize(6 + 5 + 7 + 5 + 2 + 3).contains(
                "tickets | tickets.csv | 3 | account_id | A404 | unknown account: no accounts row has this account_id",
                "tickets | tickets.csv | 4 | csat_score | 9 | breaks rule (csat_score BETWEEN 1 AND 5)",
                // a record of an entity with personal data keeps no text in quarantine
                "tickets | tickets.csv | 5 | created_at | null | short row: fewer columns than the header",
                "accounts | accounts.csv | 6 | segment | A4,Delta | short row: fewer columns than the header",
                "accounts | accounts.csv | 11 | account_id | A7 | duplicate key in this delivery with different contents (lines 11, 12)",
                "deals | deals.csv | 7 | referred_by_account_id | A99 | unknown referring account: no accounts row has this referred_by_account_id",
                "deals | deals.csv | 5 | currency | JPY | unknown currency: not in fx_rates and not the reporting currency USD",
                "subscriptions | subscriptions.csv | 5 | start_date | 2024-02-30 | not a date (YYYY-MM-DD)",
                "fx_rates | fx_rates.csv | 3 | currency | eur | breaks rule regexp_full_match(currency, '[A-Z]{3}')");
    }

    @Test
    void strayQuotesGiveDuckDbsReasonsForTheSameLines() {
        String merged = "line break inside the quoted value of account_name, which is not free text: lines 3-4 were read"
                + " as one record (a stray quote?)";
        String unclosed = "unclosed quote: the quoted value opened on line 7 does not close before line 8, so those lines"
                + " were read as one record";
        assertThat(spark.quarantine()).filteredOn(row -> row.contains("accounts_quotes.csv")).containsExactly(
                "accounts | accounts_quotes.csv | 3 | account_name | null | " + merged,
                "accounts | accounts_quotes.csv | 4 | account_name | null | " + merged,
                "accounts | accounts_quotes.csv | 5 | account_name | A23,\"Nu\"x,smb,2024-01-01,2024-01-01 | stray quote: a value is"
                        + " not properly quoted",
                "accounts | accounts_quotes.csv | 7 | account_name | A25,\"Omicron,smb,2024-01-01,2024-01-01 | " + unclosed,
                "accounts | accounts_quotes.csv | 8 | account_name | null | " + unclosed);
        // 7 records, one per line: A20 and A24 loaded, 5 lines quarantined
        assertThat(spark.reconciliation()).anyMatch(row -> row.startsWith("accounts | accounts_quotes.csv | 7 | 2 | 0 | 0 | 5 |"));
    }

    @Test
    void aQuoteInsideAnUnquotedValueLeavesTheFileToDuckDb() throws Exception {
        // given: line 3's quote sits inside a value; where DuckDB's reader goes on from there is not placed by Spark
        Path landing = Files.createDirectories(temp.resolve("landing-quote-in-value"));
        Files.writeString(landing.resolve("accounts.csv"), """
                account_id,account_name,segment,created_at,updated_at
                A1,Acme,smb,2024-01-01,2024-01-01
                A2,Be"ta,smb,2024-01-01,2024-01-01
                A3,Gamma,smb,2024-01-01,2024-01-01
                """);

        // when
        Extracted onDuckDb = extract(landing, "duckdb-quote-in-value", null);
        Extracted onSpark = extract(landing, "spark-quote-in-value", new SparkDeliveryEngine());

        // then: DuckDB read the file in both nights, so everything is DuckDB's, and Spark wrote no typed rows for it
        assertThat(onSpark).isEqualTo(onDuckDb);
        assertThat(temp.resolve("spark-quote-in-value").resolve("spark-extract").resolve("accounts").resolve("accounts.csv")
                .resolve("typed")).doesNotExist();
        assertThat(onSpark.reconciliation()).singleElement().asString().startsWith("accounts | accounts.csv | 3 |");
    }

    @Test
    void theSparkNightsRowsWentThroughSpark() throws Exception {
        // the typed rows and quarantine rows Spark wrote for the build file, one folder per delivery
        Path accounts = temp.resolve("spark").resolve("spark-extract").resolve("accounts").resolve("accounts.csv");
        assertThat(files(accounts.resolve("typed"))).isNotEmpty();
        assertThat(files(accounts.resolve("quarantine"))).isNotEmpty();
        // the stray quotes were placed by Spark, not handed back to DuckDB
        assertThat(files(accounts.resolveSibling("accounts_quotes.csv").resolve("typed"))).isNotEmpty();
        assertThat(temp.resolve("duckdb").resolve("spark-extract")).doesNotExist();
    }

    @Test
    void reconciliationAndLedgerAreTheDuckDbExtracts() {
        assertThat(spark.reconciliation()).isEqualTo(duckDb.reconciliation());
        assertThat(spark.ledger()).isEqualTo(duckDb.ledger());
        // by hand: accounts has 10 records (a blank line is none): A1, A2, A6 loaded, line 8 repeats line 2, 6 bad;
        // deals 7 records, D1 loaded, 6 bad; spend one good row
        assertThat(spark.reconciliation()).contains(
                "accounts | accounts.csv | 10 | 3 | 0 | 1 | 6 | null | industry, country, acquisition_channel, sales_owner, csm_owner",
                "spend | spend.csv | 1 | 1 | 0 | 0 | 0 | null | null");
        assertThat(spark.reconciliation()).anyMatch(row -> row.startsWith("deals | deals.csv | 7 | 1 | 0 | 0 | 6 |"));
    }

    @Test
    void landedRowsAreTheDuckDbExtracts() throws Exception {
        assertThat(spark.landed()).isEqualTo(duckDb.landed());
        assertThat(spark.landed().get("accounts")).hasSize(3 + 2);
        // HMAC-SHA256 of "ann@example.com" (trimmed, lower-cased) with the test key, worked out with javax.crypto below
        assertThat(spark.landed().get("tickets")).singleElement().asString().contains(hmac("ann@example.com"));
        assertThat(spark.landed().get("deals")).singleElement().asString().startsWith("D1 | A1 | null | new_business | won | 100.50 | EUR");
    }

    @Test
    void rawArchiveHasTheDuckDbExtractsLayoutAndRows() throws Exception {
        Path duckDbRaw = temp.resolve("duckdb").resolve("raw");
        Path sparkRaw = temp.resolve("spark").resolve("raw");
        List<Path> duckDbFiles = files(duckDbRaw);
        List<Path> sparkFiles = files(sparkRaw);

        assertThat(relative(sparkRaw, sparkFiles)).isEqualTo(relative(duckDbRaw, duckDbFiles))
                .hasSize(7).allMatch(name -> name.matches("[a-z_]+/load_date=2024-02-01/[a-z_]+\\.csv-[0-9a-f]{16}\\.parquet"));
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            for (int i = 0; i < duckDbFiles.size(); i++) {
                String query = "select * from read_parquet('%s') order by _line_number";
                assertThat(rows(connection, query.formatted(sparkFiles.get(i)))).as(sparkFiles.get(i).toString())
                        .isEqualTo(rows(connection, query.formatted(duckDbFiles.get(i))));
            }
        }
    }

    private static String hmac(String value) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(HASH_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static List<String> relative(Path root, List<Path> files) {
        return files.stream().map(file -> root.relativize(file).toString()).toList();
    }

    static List<Path> files(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    values.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join(" | ", values));
            }
        }
        return rows;
    }
}
