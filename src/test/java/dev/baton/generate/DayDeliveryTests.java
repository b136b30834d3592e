package dev.baton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The day delta is the same generation one day further: the full delivery plus the delta is the next day's. */
class DayDeliveryTests {

    private static final LocalDate DAY = LocalDate.of(2021, 12, 20);

    @TempDir
    Path folder;

    @Test
    void aTicketIsOpenUntilAnsweredAndPendingUntilSolved() {
        // given a ticket created on the 19th, answered on the 20th and solved on the 21st with a CSAT of 5
        String[] ticket = {"T000001", "A000001", "2021-12-19T10:00:00Z", "2021-12-20T09:30:00Z",
            "2021-12-21T16:00:00Z", "closed", "high", "email", "5", "a@example.com", "2021-12-21T16:00:00Z"};

        // when it is seen at the start of the 19th, 20th, 21st and 22nd
        // then it is absent, open, pending, and finally as generated
        assertThat(new AsOfView(LocalDate.of(2021, 12, 19)).view(LandingFile.TICKETS, ticket)).isNull();
        assertThat(new AsOfView(LocalDate.of(2021, 12, 20)).view(LandingFile.TICKETS, ticket)).containsExactly(
                "T000001", "A000001", "2021-12-19T10:00:00Z", "", "", "open", "high", "email", "", "a@example.com",
                "2021-12-19T10:00:00Z");
        assertThat(new AsOfView(LocalDate.of(2021, 12, 21)).view(LandingFile.TICKETS, ticket)).containsExactly(
                "T000001", "A000001", "2021-12-19T10:00:00Z", "2021-12-20T09:30:00Z", "", "pending", "high", "email",
                "", "a@example.com", "2021-12-20T09:30:00Z");
        assertThat(new AsOfView(LocalDate.of(2021, 12, 22)).view(LandingFile.TICKETS, ticket)).containsExactly(ticket);
    }

    @Test
    void aDealMovesThroughTheOpenStagesUntilItCloses() {
        // given a deal created on 1 December 00:00 and won on 11 December 00:00: ten days, two per open stage
        String[] deal = {"D000001", "A000001", "Acme - New Business", "new_business", "closed_won", "1200.00", "USD",
            "2021-12-01T00:00:00Z", "2021-12-11T00:00:00Z", "true", "Ann", "web", "2021-12-11T05:00:00Z"};

        // when it is seen on the 6th (five of ten days in: stage 5 * 5/10 = 2, entered 4 days in) and on the 12th
        String[] sixth = new AsOfView(LocalDate.of(2021, 12, 6)).view(LandingFile.DEALS, deal);
        String[] twelfth = new AsOfView(LocalDate.of(2021, 12, 12)).view(LandingFile.DEALS, deal);

        // then it is in discovery since the 5th with no close, and then won as generated
        assertThat(sixth).containsExactly("D000001", "A000001", "Acme - New Business", "new_business", "discovery",
                "1200.00", "USD", "2021-12-01T00:00:00Z", "", "false", "Ann", "web", "2021-12-05T00:00:00Z");
        assertThat(twelfth).containsExactly(deal);
    }

    @Test
    void aCancellationIsRecordedOnTheDayThePeriodEnds() {
        // given a period from 1 March cancelled at its end on 1 December (recorded that day)
        String[] period = {"S000001", "A000001", "pro", "10", "50.00", "USD", "1", "0", "2021-03-01", "2021-12-01",
            "canceled", "2021-12-01T11:00:00Z"};

        // when it is seen at the start of 1 December and of 2 December
        String[] before = new AsOfView(LocalDate.of(2021, 12, 1)).view(LandingFile.SUBSCRIPTIONS, period);
        String[] after = new AsOfView(LocalDate.of(2021, 12, 2)).view(LandingFile.SUBSCRIPTIONS, period);

        // then it is an open active period touched when it began, and then the cancelled one
        assertThat(before).containsExactly("S000001", "A000001", "pro", "10", "50.00", "USD", "1", "0", "2021-03-01",
                "", "active", "2021-03-01T09:00:00Z");
        assertThat(after).containsExactly(period);
    }

    @Test
    void theFullDeliveryPlusTheDayDeltaIsTheNextDaysFullDelivery() throws IOException {
        // given the same generation delivered as of the 20th with its day delta, and as of the 21st
        LandingGenerator generator = new LandingGenerator(42L, 600, YearMonth.of(2021, 1), 12);
        DayDelivery today = DayDelivery.write(generator, DAY, folder.resolve("full"), folder.resolve("delta"), false);
        DayDelivery.write(generator, DAY.plusDays(1), folder.resolve("next"), folder.resolve("unused"), false);

        // when the delta's rows replace the full delivery's rows with the same id
        // then every file equals the next day's, and every delta row changed on the 20th
        for (LandingFile file : LandingFile.values()) {
            Map<String, List<String>> merged = rowsById(folder.resolve("full").resolve(file.fileName()));
            Path delta = folder.resolve("delta").resolve(file.entity() + DayDelivery.DELTA_SUFFIX);
            if (Files.exists(delta)) {
                Map<String, List<String>> changed = rowsById(delta);
                merged.putAll(changed);
                int updatedAt = List.of(file.header()).indexOf("updated_at");
                int handedOffAt = List.of(file.header()).indexOf("handed_off_at");
                int at = updatedAt >= 0 ? updatedAt : handedOffAt;
                assertThat(changed.values()).as(file.entity())
                        .allSatisfy(row -> assertThat(row.get(at)).startsWith("2021-12-20T"));
            }
            assertThat(merged).as(file.entity()).isEqualTo(rowsById(folder.resolve("next").resolve(file.fileName())));
        }
        assertThat(today.deltaRowsPerEntity()).containsKeys("accounts", "deals", "subscriptions", "tickets");
        // one day of a year in which the business grew: 150 of 5,188 rows (2.9%) with this seed
        assertThat(today.deltaRows()).isLessThan(today.full().rowsPerEntity().values().stream()
                .mapToLong(Long::longValue).sum() / 20);
        assertThat(today.corrections()).isZero();
    }

    @Test
    void theDeltaBringsNewAndUpdatedRowsOfEveryKind() throws IOException {
        // given a day delta with corrections at 6,000 accounts (which periods are corrected follows a hash of their ids)
        LandingGenerator generator = new LandingGenerator(42L, 6_000, YearMonth.of(2021, 1), 12);

        // when it is written
        DayDelivery day = DayDelivery.write(generator, DAY, folder.resolve("full"), folder.resolve("delta"), true);

        // then tickets arrive, are answered and solved; deals open, move stage and close; periods begin and end
        List<List<String>> tickets = rows(folder.resolve("delta/tickets_delta.csv"));
        Map<String, List<String>> ticketsBefore = rowsById(folder.resolve("full/tickets.csv"));
        assertThat(tickets).anyMatch(row -> !ticketsBefore.containsKey(row.get(0)));
        assertThat(tickets).anyMatch(row -> ticketsBefore.containsKey(row.get(0)) && row.get(4).startsWith("2021-12-20"));
        List<List<String>> deals = rows(folder.resolve("delta/deals_delta.csv"));
        Map<String, List<String>> dealsBefore = rowsById(folder.resolve("full/deals.csv"));
        assertThat(deals).anyMatch(row -> !dealsBefore.containsKey(row.get(0)));
        assertThat(deals).anyMatch(row -> dealsBefore.containsKey(row.get(0)) && row.get(8).isEmpty()
                && !row.get(4).equals(dealsBefore.get(row.get(0)).get(4)));
        assertThat(deals).anyMatch(row -> row.get(8).startsWith("2021-12-20"));
        List<List<String>> periods = rows(folder.resolve("delta/subscriptions_delta.csv"));
        Map<String, List<String>> periodsBefore = rowsById(folder.resolve("full/subscriptions.csv"));
        assertThat(periods).anyMatch(row -> !periodsBefore.containsKey(row.get(0)) && row.get(8).equals("2021-12-20"));
        assertThat(periods).anyMatch(row -> periodsBefore.containsKey(row.get(0)) && row.get(9).equals("2021-12-20"));
        // and the few corrections add a seat to a period begun in the last three months, keyed in at 15:00
        List<List<String>> corrected = periods.stream().filter(row -> row.get(11).equals("2021-12-20T15:00:00Z")).toList();
        assertThat(corrected).hasSize((int) day.corrections());
        assertThat(day.corrections()).isPositive().isLessThan(10);
        assertThat(corrected).allSatisfy(row -> {
            List<String> was = periodsBefore.get(row.get(0));
            assertThat(Integer.parseInt(row.get(3))).isEqualTo(Integer.parseInt(was.get(3)) + 1);
            assertThat(row.get(8)).isGreaterThanOrEqualTo("2021-09-19");
        });
    }

    private static Map<String, List<String>> rowsById(Path csv) throws IOException {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (List<String> row : rows(csv)) {
            // spend and fx rates have no id: a row is its own key
            String key = csv.getFileName().toString().startsWith("spend") || csv.getFileName().toString().startsWith("fx")
                    ? String.join(",", row) : row.get(0);
            byId.put(key, row);
        }
        return byId;
    }

    private static List<List<String>> rows(Path csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        return rows.stream().collect(Collectors.toList());
    }
}
