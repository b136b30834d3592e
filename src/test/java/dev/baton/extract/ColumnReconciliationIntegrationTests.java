package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery's columns against the contract, on a real DuckDB build file: scenarios/four_accounts, whose deals.csv
 * (3 deals, 14 columns, every contract column) is edited per test. A renamed column loads as empty values without a
 * bad row, so what the file has that the contract lacks, and the reverse, is recorded and a likely rename warned of.
 */
class ColumnReconciliationIntegrationTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2024, 4, 14);
    private static final List<String> ENTITIES = List.of("fx_rates", "accounts", "deals");
    private static final String RENAMED_WARNING = "deals.csv: column amount is empty while the file has an unknown column"
            + " deal_amount; rename it, or map it in a source mapping";

    @TempDir
    Path temp;

    @Test
    void aRenamedAmountColumnIsRecordedAndWarnedOf() throws Exception {
        // given: amount is now deal_amount
        Path landing = landing(lines -> header(lines, header -> header.replace(",amount,", ",deal_amount,")));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            DeliveryLoader.Delivery deals = deals(fixture.extraction(1.0).landing(ENTITIES, landing));

            // then: 3 rows read = 3 loaded + 0 updated + 0 unchanged + 0 quarantined, all with no amount
            assertThat(deals.columns().warnings()).containsExactly(RENAMED_WARNING);
            assertThat(deals.columns().note("deals.csv"))
                    .isEqualTo("deals.csv: unknown columns deal_amount (not landed); missing optional columns amount");
            assertThat(reconciliation(fixture)).containsEntry("unknown_columns", "deal_amount")
                    .containsEntry("missing_columns", "amount").containsEntry("rows_read", 3L).containsEntry("rows_loaded", 3L)
                    .containsEntry("rows_updated", 0L).containsEntry("rows_unchanged", 0L).containsEntry("rows_quarantined", 0L);
            assertThat(fixture.count("select * from landed_deals where amount is not null")).isZero();
        }
    }

    @Test
    void anEmptyContractColumnNextToASimilarUnknownOneIsWarnedOf() throws Exception {
        // given: amount is there but blank on every row, its values sit in deal_amount
        Path landing = landing(lines -> {
            List<String> edited = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                List<String> fields = new ArrayList<>(List.of(lines.get(i).split(",", -1)));
                String amount = fields.get(5);
                fields.set(5, i == 0 ? amount : "");
                fields.add(i == 0 ? "deal_amount" : amount);
                edited.add(String.join(",", fields));
            }
            return edited;
        });
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            DeliveryLoader.Delivery deals = deals(fixture.extraction(1.0).landing(ENTITIES, landing));

            // then
            assertThat(deals.columns().warnings()).containsExactly(RENAMED_WARNING);
            assertThat(reconciliation(fixture)).containsEntry("unknown_columns", "deal_amount").containsEntry("missing_columns", null);
        }
    }

    @Test
    void harmlessUnknownAndMissingOptionalColumnsAreListedWithoutAWarning() throws Exception {
        // given: two extra columns (amount_eur is like amount, but amount is filled) and no lead_source (column 12)
        Path landing = landing(lines -> {
            List<String> edited = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                List<String> fields = new ArrayList<>(List.of(lines.get(i).split(",", -1)));
                fields.remove(11);
                fields.add(i == 0 ? "region" : "EMEA");
                fields.add(i == 0 ? "amount_eur" : "1.00");
                edited.add(String.join(",", fields));
            }
            return edited;
        });
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            DeliveryLoader.Delivery deals = deals(fixture.extraction(1.0).landing(ENTITIES, landing));

            // then: 3 rows read = 3 loaded, amounts 1200.00 + 12000.00 + 500.00 landed as delivered
            assertThat(deals.columns().warnings()).isEmpty();
            assertThat(reconciliation(fixture)).containsEntry("unknown_columns", "region, amount_eur")
                    .containsEntry("missing_columns", "lead_source").containsEntry("rows_read", 3L).containsEntry("rows_loaded", 3L);
            assertThat(fixture.value("select sum(amount) from landed_deals")).hasToString("13700.00");
        }
    }

    @Test
    void filesWithEveryContractColumnListNothing() throws Exception {
        // given
        Path landing = Scenarios.copy("four_accounts", temp.resolve("landing"));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).landing(ENTITIES, landing);

            // then
            assertThat(deliveries).hasSize(3).allSatisfy(delivery -> {
                assertThat(delivery.columns().note(delivery.sourceFile())).isEmpty();
                assertThat(delivery.columns().warnings()).isEmpty();
            });
            assertThat(fixture.count("select * from load_reconciliation")).isEqualTo(3);
            assertThat(fixture.count("select * from load_reconciliation where unknown_columns is not null or missing_columns is not null"))
                    .isZero();
        }
    }

    @Test
    void theRunSummaryWarnsOfTheRenamedColumnAndTheNightStillPublishes() throws Exception {
        // given
        Path landing = Scenarios.copy("four_accounts", workspaceLanding());
        rewrite(landing.resolve("deals.csv"), lines -> header(lines, header -> header.replace(",amount,", ",deal_amount,")));
        Path warehouse = temp.resolve("warehouse");

        // when
        Scenarios.Captured run = Scenarios.capture(() -> BatonCli.execute("run", "--run-date", "2024-04-14", "--landing",
                landing.toString(), "--warehouse", warehouse.toString(), "--project-dir", Path.of("").toAbsolutePath().toString(),
                "-Dbaton.extract.max-quarantined-share=0.5"));

        // then: a warning, not a failure
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("extract-landing: deals.csv: unknown columns deal_amount (not landed); missing optional"
                + " columns amount").contains("\nwarning: extract-landing: " + RENAMED_WARNING);
        assertThat(new PublishedWarehouse(warehouse).row("select unknown_columns, missing_columns from load_reconciliation"
                + " where source_file = 'deals.csv'")).containsEntry("unknown_columns", "deal_amount").containsEntry("missing_columns", "amount");
    }

    private Path workspaceLanding() {
        return temp.resolve("landing");
    }

    private Path landing(UnaryOperator<List<String>> deals) throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspaceLanding());
        rewrite(landing.resolve("deals.csv"), deals);
        return landing;
    }

    private static void rewrite(Path file, UnaryOperator<List<String>> edit) throws Exception {
        Files.write(file, edit.apply(Files.readAllLines(file)));
    }

    private static List<String> header(List<String> lines, UnaryOperator<String> edit) {
        List<String> edited = new ArrayList<>(lines);
        edited.set(0, edit.apply(lines.get(0)));
        return edited;
    }

    private static DeliveryLoader.Delivery deals(List<DeliveryLoader.Delivery> deliveries) {
        return deliveries.stream().filter(delivery -> delivery.entity().equals("deals")).findFirst().orElseThrow();
    }

    private static Map<String, Object> reconciliation(ExtractionFixture fixture) throws Exception {
        List<Map<String, Object>> rows = fixture.rows("select * from load_reconciliation where entity = 'deals'");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
