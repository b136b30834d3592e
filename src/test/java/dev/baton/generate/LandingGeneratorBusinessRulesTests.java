package dev.baton.generate;

import static dev.baton.generate.GeneratedLanding.ACCOUNTS;
import static dev.baton.generate.GeneratedLanding.MONTHS;
import static dev.baton.generate.GeneratedLanding.START;
import static dev.baton.generate.GeneratedLanding.WINDOW_END;
import static dev.baton.generate.GeneratedLanding.assertInWindow;
import static dev.baton.generate.GeneratedLanding.hasPair;
import static dev.baton.generate.GeneratedLanding.ts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated landing as a business: entities agree, chains do not overlap, the mix covers every case, surveys foreshadow churn. */
class LandingGeneratorBusinessRulesTests {

    @TempDir
    static Path dir;

    private static GeneratedLanding landing;
    private static GenerationSummary summary;
    private static Map<String, List<CSVRecord>> data;

    @BeforeAll
    static void generate() throws IOException {
        landing = GeneratedLanding.generate(dir);
        summary = landing.summary();
        data = landing.data();
    }

    @Test
    void accountsDealsAndSubscriptionsAgree() {
        Map<String, CSVRecord> accounts = byKey("accounts", "account_id");
        Map<String, CSVRecord> deals = byKey("deals", "deal_id");
        Map<String, Instant> firstWin = new TreeMap<>();
        Map<String, String> currency = new TreeMap<>();
        for (CSVRecord d : data.get("deals")) {
            currency.putIfAbsent(d.get("account_id"), d.get("currency"));
            assertThat(d.get("currency")).as("one currency per account").isEqualTo(currency.get(d.get("account_id")));
            if ("new_business".equals(d.get("deal_type")) && "true".equals(d.get("is_won"))) {
                firstWin.putIfAbsent(d.get("account_id"), ts(d.get("closed_at")));
            }
        }
        assertThat(firstWin).as("every account has a won new-business deal").hasSize(ACCOUNTS);
        Map<String, List<CSVRecord>> subs = chains();
        assertThat(subs).hasSize(ACCOUNTS);
        subs.forEach((account, rows) -> {
            LocalDate firstStart = LocalDate.parse(rows.get(0).get("start_date"));
            LocalDate won = LocalDate.ofInstant(firstWin.get(account), ZoneOffset.UTC);
            assertThat(firstStart).as(account).isBetween(won, won.plusDays(7));
            rows.forEach(s -> assertThat(s.get("currency")).as(account).isEqualTo(currency.get(account)));
        });
        List<String> wonNewBusiness = data.get("deals").stream()
                .filter(d -> "new_business".equals(d.get("deal_type")) && "true".equals(d.get("is_won")))
                .map(d -> d.get("deal_id")).toList();
        assertThat(data.get("handoffs").stream().map(h -> h.get("deal_id")).toList()).isEqualTo(wonNewBusiness);
        for (CSVRecord h : data.get("handoffs")) {
            CSVRecord deal = deals.get(h.get("deal_id"));
            assertThat(h.get("account_id")).isEqualTo(deal.get("account_id"));
            assertThat(h.get("sales_owner")).isEqualTo(deal.get("owner"));
            assertThat(h.get("csm_owner")).isEqualTo(accounts.get(h.get("account_id")).get("csm_owner"));
            assertThat(Duration.between(ts(deal.get("closed_at")), ts(h.get("handed_off_at"))))
                    .isBetween(Duration.ZERO, Duration.ofDays(20));
        }
    }

    @Test
    void someDealsAreReferralsAndSomeCustomersAddAProductLine() {
        Map<String, CSVRecord> accounts = byKey("accounts", "account_id");
        List<CSVRecord> referred = data.get("deals").stream().filter(d -> !d.get("referred_by_account_id").isEmpty()).toList();
        assertThat(referred).isNotEmpty().allMatch(d -> "referral".equals(d.get("lead_source"))
                && accounts.containsKey(d.get("referred_by_account_id")) && !d.get("referred_by_account_id").equals(d.get("account_id")));
        assertThat(data.get("subscriptions")).anyMatch(s -> "analytics".equals(s.get("plan")));
    }

    @Test
    void subscriptionRowsOfOneChainDoNotOverlap() {
        chains().forEach((account, rows) -> {
            for (int i = 1; i < rows.size(); i++) {
                CSVRecord previous = rows.get(i - 1);
                assertThat(previous.get("end_date")).as("%s: only the last row may be open", account).isNotEmpty();
                assertThat(LocalDate.parse(rows.get(i).get("start_date"))).as(account)
                        .isAfterOrEqualTo(LocalDate.parse(previous.get("end_date")));
            }
        });
    }

    @Test
    void theMixCoversEveryLifecycleCase() {
        List<CSVRecord> subs = data.get("subscriptions");
        assertThat(subs).anyMatch(s -> "12".equals(s.get("billing_period_months")));
        assertThat(subs).anyMatch(s -> "3".equals(s.get("billing_period_months")));
        assertThat(subs).anyMatch(s -> "1".equals(s.get("billing_period_months")));
        assertThat(subs).anyMatch(s -> "trial".equals(s.get("status")));
        assertThat(subs).anyMatch(s -> "paused".equals(s.get("status")));
        assertThat(subs).anyMatch(s -> "canceled".equals(s.get("status")));
        assertThat(subs).anyMatch(s -> !"0".equals(s.get("discount_pct")));
        assertThat(subs).anyMatch(s -> s.get("end_date").isEmpty());
        assertThat(subs).anyMatch(s -> !s.get("end_date").isEmpty()
                && LocalDate.parse(s.get("end_date")).isAfter(WINDOW_END));
        Map<String, List<CSVRecord>> chains = chains();
        assertThat(chains.values()).as("reactivation").anyMatch(rows -> hasPair(rows, (a, b) ->
                "canceled".equals(a.get("status"))
                        && LocalDate.parse(b.get("start_date")).isAfter(LocalDate.parse(a.get("end_date")))));
        assertThat(chains.values()).as("plan change").anyMatch(rows -> hasPair(rows, (a, b) ->
                "active".equals(a.get("status")) && "active".equals(b.get("status"))
                        && a.get("end_date").equals(b.get("start_date"))
                        && !(a.get("plan").equals(b.get("plan")) && a.get("quantity").equals(b.get("quantity")))));
        assertThat(chains.values()).as("a trial that never converts")
                .anyMatch(rows -> rows.stream().allMatch(s -> "trial".equals(s.get("status"))));
        assertThat(column("subscriptions", "currency")).hasSizeGreaterThanOrEqualTo(3);

        List<CSVRecord> deals = data.get("deals");
        assertThat(deals).anyMatch(d -> "closed_lost".equals(d.get("stage")));
        assertThat(deals).anyMatch(d -> "closed_won".equals(d.get("stage")));
        assertThat(deals).anyMatch(d -> d.get("closed_at").isEmpty());
        assertThat(column("deals", "deal_type")).containsExactlyInAnyOrder("new_business", "expansion", "renewal");
        List<CSVRecord> newBusiness = deals.stream().filter(d -> "new_business".equals(d.get("deal_type"))).toList();
        double winRate = newBusiness.stream().filter(d -> "true".equals(d.get("is_won"))).count()
                / (double) newBusiness.size();
        assertThat(winRate).isBetween(0.25, 0.35);

        List<CSVRecord> tickets = data.get("tickets");
        assertThat(tickets).anyMatch(t -> t.get("first_response_at").isEmpty());
        assertThat(tickets).anyMatch(t -> !t.get("first_response_at").isEmpty());
        assertThat(tickets).anyMatch(t -> t.get("solved_at").isEmpty());
        assertThat(tickets).anyMatch(t -> !t.get("solved_at").isEmpty());
        assertThat(tickets).anyMatch(t -> t.get("csat_score").isEmpty() && !t.get("solved_at").isEmpty());
        assertThat(tickets).anyMatch(t -> !t.get("csat_score").isEmpty());

        List<CSVRecord> handoffs = data.get("handoffs");
        List<String> items = List.of("customer_profile", "contract_terms", "background_problem",
                "success_definition", "valued_points", "concerns", "promises", "key_people", "communication_log",
                "notes_for_cs");
        for (String item : items) {
            assertThat(handoffs).as(item).anyMatch(h -> h.get(item).isEmpty());
            assertThat(handoffs).as(item).anyMatch(h -> !h.get(item).isEmpty());
        }
        assertThat(handoffs).anyMatch(h -> items.stream().anyMatch(i -> h.get(i).contains("\"")));
        assertThat(handoffs).anyMatch(h -> items.stream().anyMatch(i -> h.get(i).contains(",")));
    }

    @Test
    void surveyResponsesComeInRealisticProportionsAndNpsForeshadowsChurn() {
        List<CSVRecord> surveys = data.get("survey_responses");
        for (CSVRecord s : surveys) {
            assertInWindow(s.get("responded_at"));
            assertThat(s.get("updated_at")).isEqualTo(s.get("responded_at"));
            assertThat(s.get("respondent_email")).matches("[a-z]+\\.[a-z]+@[a-z]+\\.example");
            int score = Integer.parseInt(s.get("score"));
            assertThat(s.get("survey")).isIn("nps", "ces");
            assertThat(score).isBetween("nps".equals(s.get("survey")) ? 0 : 1, "nps".equals(s.get("survey")) ? 10 : 7);
        }
        List<CSVRecord> nps = surveys.stream().filter(s -> "nps".equals(s.get("survey"))).toList();
        assertThat(surveys).anyMatch(s -> "ces".equals(s.get("survey")));

        // ~30% of the accounts paying in the middle of a quarter (its second month's 15th; sends are spread over the
        // quarter) answer that quarter; a late answer may fall in the next quarter, so at most two per calendar quarter
        Map<String, List<CSVRecord>> chains = chains();
        long payingAccountQuarters = 0;
        for (int q = 0; q < MONTHS / 3; q++) {
            LocalDate census = START.plusMonths(3L * q + 1).atDay(15);
            payingAccountQuarters += chains.values().stream().filter(rows -> rows.stream().anyMatch(row ->
                    !"trial".equals(row.get("status")) && !"paused".equals(row.get("status"))
                            && !LocalDate.parse(row.get("start_date")).isAfter(census)
                            && (row.get("end_date").isEmpty() || LocalDate.parse(row.get("end_date")).isAfter(census)))).count();
        }
        assertThat(nps.size() / (double) payingAccountQuarters).isBetween(0.22, 0.38);
        Map<String, Long> perAccountQuarter = nps.stream().collect(Collectors.groupingBy(s -> s.get("account_id") + " "
                + YearMonth.from(LocalDate.parse(s.get("responded_at").substring(0, 10))).getYear() + "Q"
                + ((YearMonth.from(LocalDate.parse(s.get("responded_at").substring(0, 10))).getMonthValue() - 1) / 3),
                Collectors.counting()));
        assertThat(perAccountQuarter.values()).allMatch(n -> n <= 2);

        // detractors are far more common among responses followed by a cancellation within six months
        Map<Boolean, List<CSVRecord>> byOutcome = nps.stream().collect(Collectors.partitioningBy(s -> {
            LocalDate day = LocalDate.parse(s.get("responded_at").substring(0, 10));
            return chains.get(s.get("account_id")).stream().anyMatch(row -> "canceled".equals(row.get("status"))
                    && !row.get("end_date").isEmpty() && LocalDate.parse(row.get("end_date")).isAfter(day)
                    && !LocalDate.parse(row.get("end_date")).isAfter(day.plusDays(182)));
        }));
        assertThat(byOutcome.get(true)).isNotEmpty();
        assertThat(detractorShare(byOutcome.get(true))).isGreaterThan(detractorShare(byOutcome.get(false)) + 0.25);
        assertThat(detractorShare(byOutcome.get(false))).isBetween(0.05, 0.30);
    }

    private static double detractorShare(List<CSVRecord> responses) {
        return responses.stream().filter(s -> Integer.parseInt(s.get("score")) <= 6).count() / (double) responses.size();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, List<CSVRecord>> chains() {
        return landing.chains();
    }

    private static Set<String> column(String entity, String column) {
        return landing.column(entity, column);
    }

    private static Map<String, CSVRecord> byKey(String entity, String column) {
        return landing.byKey(entity, column);
    }
}
