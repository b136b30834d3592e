package dev.baton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingGeneratorTests {

    private static final long SEED = 42L;
    private static final int ACCOUNTS = 300;
    private static final YearMonth START = YearMonth.of(2022, 1);
    private static final int MONTHS = 36;
    private static final LocalDate WINDOW_START = START.atDay(1);
    private static final LocalDate WINDOW_END = START.plusMonths(MONTHS).atDay(1);
    private static final LocalDate HORIZON = START.plusMonths(MONTHS + 12L).atDay(1);

    /** The canonical landing contract, spelled out independently of the generator. */
    private static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("accounts", "account_id,account_name,segment,industry,country,acquisition_channel,sales_owner,"
                + "csm_owner,created_at,updated_at");
        HEADERS.put("deals", "deal_id,account_id,deal_name,deal_type,stage,amount,currency,created_at,closed_at,"
                + "is_won,owner,lead_source,updated_at,referred_by_account_id");
        HEADERS.put("subscriptions", "subscription_id,account_id,plan,quantity,amount,currency,"
                + "billing_period_months,discount_pct,start_date,end_date,status,updated_at");
        HEADERS.put("tickets", "ticket_id,account_id,created_at,first_response_at,solved_at,status,priority,channel,"
                + "csat_score,requester_email,updated_at");
        HEADERS.put("handoffs", "deal_id,account_id,handed_off_at,sales_owner,csm_owner,customer_profile,"
                + "contract_terms,background_problem,success_definition,valued_points,concerns,promises,key_people,"
                + "communication_log,notes_for_cs");
        HEADERS.put("spend", "month,channel,category,amount,currency");
        HEADERS.put("fx_rates", "date,currency,rate_to_reporting");
        HEADERS.put("survey_responses", "response_id,account_id,respondent_email,survey,score,responded_at,updated_at");
    }

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "accounts", List.of("account_id", "account_name", "segment", "industry", "country", "acquisition_channel",
                    "sales_owner", "csm_owner", "created_at", "updated_at"),
            "deals", List.of("deal_id", "account_id", "deal_name", "deal_type", "stage", "amount", "currency",
                    "created_at", "is_won", "owner", "lead_source", "updated_at"),
            "subscriptions", List.of("subscription_id", "account_id", "plan", "quantity", "amount", "currency",
                    "billing_period_months", "discount_pct", "start_date", "status", "updated_at"),
            "tickets", List.of("ticket_id", "account_id", "created_at", "status", "priority", "channel",
                    "requester_email", "updated_at"),
            "handoffs", List.of("deal_id", "account_id", "handed_off_at", "sales_owner", "csm_owner"),
            "spend", List.of("month", "channel", "category", "amount", "currency"),
            "fx_rates", List.of("date", "currency", "rate_to_reporting"),
            "survey_responses", List.of("response_id", "account_id", "respondent_email", "survey", "score",
                    "responded_at", "updated_at"));

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern MONEY = Pattern.compile("\\d+\\.\\d{2}");

    @TempDir
    static Path dir;

    private static GenerationSummary summary;
    private static Map<String, List<CSVRecord>> data;

    @BeforeAll
    static void generate() throws IOException {
        summary = new LandingGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(dir.resolve("run"));
        data = new LinkedHashMap<>();
        for (String entity : HEADERS.keySet()) {
            data.put(entity, read(dir.resolve("run").resolve(entity + ".csv")));
        }
    }

    @Test
    void sameSeedWritesByteIdenticalFiles() throws IOException {
        Path again = dir.resolve("again");
        GenerationSummary second = new LandingGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(again);
        assertThat(second).isEqualTo(summary);
        for (String entity : HEADERS.keySet()) {
            String file = entity + ".csv";
            assertThat(Files.mismatch(dir.resolve("run").resolve(file), again.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    @Test
    void differentSeedWritesDifferentFiles() throws IOException {
        Path other = dir.resolve("other");
        new LandingGenerator(SEED + 1, ACCOUNTS, START, MONTHS).writeTo(other);
        for (String entity : HEADERS.keySet()) {
            String file = entity + ".csv";
            assertThat(Files.mismatch(dir.resolve("run").resolve(file), other.resolve(file))).as(file)
                    .isNotEqualTo(-1L);
        }
    }

    @Test
    void everyFileHasExactlyTheContractHeaderAndTheSummaryCountsItsRows() throws IOException {
        assertThat(summary.rowsPerEntity()).containsOnlyKeys(HEADERS.keySet());
        for (Map.Entry<String, String> e : HEADERS.entrySet()) {
            List<String> lines = Files.readAllLines(dir.resolve("run").resolve(e.getKey() + ".csv"),
                    StandardCharsets.UTF_8);
            assertThat(lines.get(0)).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(data.get(e.getKey())).as(e.getKey()).hasSize(summary.rowsPerEntity().get(e.getKey()).intValue())
                    .isNotEmpty();
        }
        assertThat(data.get("accounts")).hasSize(ACCOUNTS);
        assertThat(Files.readString(dir.resolve("run").resolve("deals.csv"))).doesNotContain("\r").endsWith("\n");
    }

    @Test
    void requiredColumnsAreNeverBlank() {
        REQUIRED.forEach((entity, columns) -> {
            for (CSVRecord row : data.get(entity)) {
                for (String column : columns) {
                    assertThat(row.get(column)).as("%s.%s line %d", entity, column, row.getRecordNumber())
                            .isNotBlank();
                }
            }
        });
    }

    @Test
    void idsAreWellFormedUniqueAndInFileOrder() {
        assertIds("accounts", "account_id", "A\\d{5,}");
        assertIds("deals", "deal_id", "D\\d{6,}");
        assertIds("subscriptions", "subscription_id", "S\\d{6,}");
        assertIds("tickets", "ticket_id", "T\\d{6,}");
        assertIds("handoffs", "deal_id", "D\\d{6,}");
        assertIds("survey_responses", "response_id", "R\\d{6,}");
        Set<String> accountIds = column("accounts", "account_id");
        for (String entity : List.of("deals", "subscriptions", "tickets", "handoffs")) {
            assertThat(accountIds).as(entity).containsAll(column(entity, "account_id"));
        }
    }

    @Test
    void timestampsDatesMoneyAndEnumsParse() {
        for (CSVRecord a : data.get("accounts")) {
            assertInWindow(a.get("created_at"));
            assertThat(ts(a.get("updated_at"))).isAfterOrEqualTo(ts(a.get("created_at")));
            assertThat(a.get("segment")).isIn("smb", "mid_market", "enterprise");
            assertThat(a.get("acquisition_channel")).isIn("organic", "paid_search", "outbound", "partner", "events");
            assertThat(a.get("country")).matches("[A-Z]{2}");
        }
        for (CSVRecord d : data.get("deals")) {
            assertInWindow(d.get("created_at"));
            assertThat(d.get("amount")).matches(MONEY);
            assertThat(d.get("is_won")).isIn("true", "false");
            assertThat(d.get("deal_type")).isIn("new_business", "expansion", "renewal");
            assertThat(d.get("lead_source")).isIn("inbound", "outbound", "partner", "event", "referral");
            boolean open = d.get("closed_at").isEmpty();
            assertThat(d.get("stage")).isIn(open
                    ? Set.of("prospecting", "qualification", "discovery", "proposal", "negotiation")
                    : Set.of("closed_won", "closed_lost"));
            assertThat(d.get("is_won")).isEqualTo(Boolean.toString("closed_won".equals(d.get("stage"))));
            if (!open) {
                assertInWindow(d.get("closed_at"));
                assertThat(ts(d.get("closed_at"))).isAfterOrEqualTo(ts(d.get("created_at")));
            }
            assertThat(ts(d.get("updated_at"))).isAfterOrEqualTo(ts(d.get("created_at")));
        }
        for (CSVRecord s : data.get("subscriptions")) {
            LocalDate start = LocalDate.parse(s.get("start_date"));
            assertThat(start).isBetween(WINDOW_START, WINDOW_END.minusDays(1));
            if (!s.get("end_date").isEmpty()) {
                assertThat(LocalDate.parse(s.get("end_date"))).isAfter(start).isBeforeOrEqualTo(HORIZON);
            }
            assertThat(s.get("amount")).matches(MONEY);
            assertThat(new BigDecimal(s.get("amount"))).isPositive();
            assertThat(Integer.parseInt(s.get("quantity"))).isBetween(1, 200);
            assertThat(s.get("billing_period_months")).isIn("1", "3", "12");
            assertThat(s.get("discount_pct")).isIn("0", "10", "15", "20");
            assertThat(s.get("plan")).isIn("starter", "growth", "scale", "enterprise", "analytics");
            assertThat(s.get("status")).isIn("trial", "active", "paused", "canceled");
            assertInWindow(s.get("updated_at"));
        }
        for (CSVRecord t : data.get("tickets")) {
            Instant created = assertInWindow(t.get("created_at"));
            Instant response = t.get("first_response_at").isEmpty() ? null : assertInWindow(t.get("first_response_at"));
            if (response != null) {
                assertThat(Duration.between(created, response)).isBetween(Duration.ofMinutes(12), Duration.ofHours(48));
            }
            if (t.get("solved_at").isEmpty()) {
                assertThat(t.get("status")).isIn("open", "pending");
                assertThat(t.get("csat_score")).isEmpty();
            } else {
                assertThat(response).isNotNull();
                assertThat(assertInWindow(t.get("solved_at"))).isAfter(response);
                assertThat(t.get("status")).isIn("solved", "closed");
            }
            if (!t.get("csat_score").isEmpty()) {
                assertThat(Integer.parseInt(t.get("csat_score"))).isBetween(1, 5);
            }
            assertThat(t.get("priority")).isIn("low", "normal", "high", "urgent");
            assertThat(t.get("channel")).isIn("email", "chat", "phone", "web");
            assertThat(t.get("requester_email")).matches("[a-z]+\\.[a-z]+@[a-z]+\\.example");
            assertThat(ts(t.get("updated_at"))).isAfterOrEqualTo(created);
        }
        for (CSVRecord h : data.get("handoffs")) {
            assertInWindow(h.get("handed_off_at"));
        }
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

    @Test
    void spendAndFxCoverTheWindow() {
        List<CSVRecord> spend = data.get("spend");
        assertThat(spend).hasSize(MONTHS * 5 * 2);
        for (CSVRecord s : spend) {
            YearMonth month = YearMonth.parse(s.get("month"));
            assertThat(month).isBetween(START, START.plusMonths(MONTHS - 1L));
            assertThat(s.get("category")).isIn("sales", "marketing");
            assertThat(s.get("currency")).isEqualTo("USD");
            assertThat(s.get("amount")).matches(MONEY);
            assertThat(new BigDecimal(s.get("amount"))).isPositive();
        }
        List<CSVRecord> fx = data.get("fx_rates");
        assertThat(column("fx_rates", "currency")).containsExactly("CAD", "EUR", "GBP");
        assertThat(fx).hasSize(3 * (1 + MONTHS + 12));
        Set<LocalDate> dates = new TreeSet<>();
        for (CSVRecord r : fx) {
            LocalDate date = LocalDate.parse(r.get("date"));
            assertThat(date.equals(WINDOW_START) || date.equals(YearMonth.from(date).atEndOfMonth())).isTrue();
            assertThat(r.get("rate_to_reporting")).matches("\\d+\\.\\d{6}");
            assertThat(Double.parseDouble(r.get("rate_to_reporting"))).isBetween(0.4, 2.0);
            dates.add(date);
        }
        assertThat(dates).first().isEqualTo(WINDOW_START);
        assertThat(dates).last().isEqualTo(START.plusMonths(MONTHS + 11L).atEndOfMonth());
        assertThat(fx.stream().map(r -> r.get("date")).toList()).isSorted();
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface Pair {
        boolean test(CSVRecord first, CSVRecord second);
    }

    private static boolean hasPair(List<CSVRecord> rows, Pair pair) {
        for (int i = 1; i < rows.size(); i++) {
            if (pair.test(rows.get(i - 1), rows.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Subscription rows per account, ordered by start date. */
    private static Map<String, List<CSVRecord>> chains() {
        Map<String, List<CSVRecord>> chains = new TreeMap<>();
        for (CSVRecord s : data.get("subscriptions")) {
            if ("analytics".equals(s.get("plan"))) {
                continue; // the add-on runs beside the platform rows: a chain of its own
            }
            chains.computeIfAbsent(s.get("account_id"), k -> new ArrayList<>()).add(s);
        }
        chains.values().forEach(rows -> rows.sort(Comparator.comparing((CSVRecord s) -> s.get("start_date"))));
        return chains;
    }

    private static void assertIds(String entity, String column, String pattern) {
        List<String> ids = data.get(entity).stream().map(r -> r.get(column)).toList();
        assertThat(ids).as(entity).allMatch(id -> id.matches(pattern)).doesNotHaveDuplicates().isSorted();
    }

    private static Set<String> column(String entity, String column) {
        return data.get(entity).stream().map(r -> r.get(column)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, CSVRecord> byKey(String entity, String column) {
        Map<String, CSVRecord> map = new TreeMap<>();
        data.get(entity).forEach(r -> map.put(r.get(column), r));
        return map;
    }

    private static Instant ts(String value) {
        assertThat(value).matches(TIMESTAMP);
        return Instant.parse(value);
    }

    private static Instant assertInWindow(String value) {
        Instant instant = ts(value);
        assertThat(instant).isBetween(WINDOW_START.atStartOfDay().toInstant(ZoneOffset.UTC),
                WINDOW_END.atStartOfDay().toInstant(ZoneOffset.UTC).minus(1, ChronoUnit.SECONDS));
        return instant;
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            return parser.getRecords();
        }
    }
}
