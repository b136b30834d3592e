package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code baton query} runs an analyst's SQL on the published file: read-only, and no way out of the file either. Each
 * statement here worked (or was attempted) before: the COPY replaced the published warehouse.duckdb.
 */
class QueryLockdownIntegrationTests {

    @TempDir
    Path warehouse;

    @ParameterizedTest
    @ValueSource(strings = {
        "copy (select 'gone' as x) to '%WAREHOUSE%/warehouse.duckdb'",
        "copy (select 'gone' as x) to '%WAREHOUSE%/leak.csv'",
        "select * from read_csv('/etc/passwd')",
        "select * from read_text('%WAREHOUSE%/warehouse.duckdb')",
        "install httpfs",
        "load httpfs",
        "attach '%WAREHOUSE%/other.duckdb' as other",
        "set enable_external_access = true",
        "set lock_configuration = false",
        "pragma enable_external_access",
        "delete from accounts",
    })
    void aStatementThatWouldLeaveTheFileIsRefusedAndTheWarehouseIsIntact(String statement) throws Exception {
        Path published = warehouse.resolve("warehouse.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + published);
                Statement create = connection.createStatement()) {
            create.execute("create table accounts as select 1 as account_id");
        }
        int checksum = Arrays.hashCode(Files.readAllBytes(published));

        Scenarios.Captured refused = Scenarios.capture(() -> BatonCli.execute("query", "--warehouse", warehouse.toString(),
                statement.replace("%WAREHOUSE%", warehouse.toString())));

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err().lines()).singleElement().asString()
                .startsWith("baton: query failed (the warehouse is read-only, without file access or settings): ");
        assertThat(Arrays.hashCode(Files.readAllBytes(published))).isEqualTo(checksum);
        assertThat(warehouse.resolve("leak.csv")).doesNotExist();
        assertThat(warehouse.resolve("other.duckdb")).doesNotExist();
        try (var files = Files.list(warehouse)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("warehouse.duckdb");
        }
        Scenarios.Captured after = Scenarios.capture(() -> BatonCli.execute("query", "--csv", "--warehouse", warehouse.toString(),
                "select count(*) as n from accounts"));
        assertThat(after.out()).isEqualTo("n\n1\n");
    }
}
