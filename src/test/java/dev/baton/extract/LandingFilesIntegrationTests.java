package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entity files are found whatever the case of their names, and every file no entity claims is named. */
class LandingFilesIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void fileNamesMatchIgnoringCaseAndUnclaimedFilesAreListed() throws Exception {
        // given
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id\nA1\n");
        String deal = "deal_id,account_id,stage,created_at\n%s,A1,open,2024-01-05T00:00:00Z\n";
        Files.writeString(landing.resolve("Deals_more.csv"), deal.formatted("D1"));
        Files.writeString(landing.resolve("deals_extra.CSV"), deal.formatted("D2"));
        Files.writeString(landing.resolve("dealsx.csv"), deal.formatted("D3"));
        Files.writeString(landing.resolve("notes.txt"), "not a delivery\n");
        Files.createDirectories(landing.resolve("archive"));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), LocalDate.of(2024, 2, 1))) {
            Extraction extraction = fixture.extraction(1.0);

            // when
            List<DeliveryLoader.Delivery> deliveries = extraction.landing(List.of("accounts", "deals"), landing);

            // then: dealsx.csv belongs to no entity ("deals" followed by a letter), notes.txt is no delivery format
            assertThat(deliveries).extracting(DeliveryLoader.Delivery::sourceFile, DeliveryLoader.Delivery::rowsLoaded)
                    .containsExactly(tuple("accounts.csv", 1L), tuple("Deals_more.csv", 1L), tuple("deals_extra.CSV", 1L));
            assertThat(fixture.rows("select deal_id from landed_deals order by deal_id")).extracting(r -> r.get("deal_id"))
                    .containsExactly("D1", "D2");
            assertThat(extraction.unclaimed()).containsExactly("dealsx.csv", "notes.txt");
        }
    }
}
