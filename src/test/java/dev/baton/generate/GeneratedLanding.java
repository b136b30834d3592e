package dev.baton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * One generated landing run shared by the landing generator tests: the fixed parameters, the landing contract spelled
 * out independently of the generator, the parsed files and the helpers that read them.
 */
record GeneratedLanding(GenerationSummary summary, Map<String, List<CSVRecord>> data) {

    static final long SEED = 42L;
    static final int ACCOUNTS = 300;
    static final YearMonth START = YearMonth.of(2022, 1);
    static final int MONTHS = 36;
    static final LocalDate WINDOW_START = START.atDay(1);
    static final LocalDate WINDOW_END = START.plusMonths(MONTHS).atDay(1);
    static final LocalDate HORIZON = START.plusMonths(MONTHS + 12L).atDay(1);

    /** The canonical landing contract, spelled out independently of the generator. */
    static final Map<String, String> HEADERS = new LinkedHashMap<>();

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

    static final Map<String, List<String>> REQUIRED = Map.of(
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

    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    static final Pattern MONEY = Pattern.compile("\\d+\\.\\d{2}");

    /** Generates the run under {@code dir/run} and reads every file back. */
    static GeneratedLanding generate(Path dir) throws IOException {
        GenerationSummary summary = new LandingGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(dir.resolve("run"));
        Map<String, List<CSVRecord>> data = new LinkedHashMap<>();
        for (String entity : HEADERS.keySet()) {
            data.put(entity, read(dir.resolve("run").resolve(entity + ".csv")));
        }
        return new GeneratedLanding(summary, data);
    }

    interface Pair {
        boolean test(CSVRecord first, CSVRecord second);
    }

    static boolean hasPair(List<CSVRecord> rows, Pair pair) {
        for (int i = 1; i < rows.size(); i++) {
            if (pair.test(rows.get(i - 1), rows.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Subscription rows per account, ordered by start date. */
    Map<String, List<CSVRecord>> chains() {
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

    void assertIds(String entity, String column, String pattern) {
        List<String> ids = data.get(entity).stream().map(r -> r.get(column)).toList();
        assertThat(ids).as(entity).allMatch(id -> id.matches(pattern)).doesNotHaveDuplicates().isSorted();
    }

    Set<String> column(String entity, String column) {
        return data.get(entity).stream().map(r -> r.get(column)).collect(Collectors.toCollection(TreeSet::new));
    }

    Map<String, CSVRecord> byKey(String entity, String column) {
        Map<String, CSVRecord> map = new TreeMap<>();
        data.get(entity).forEach(r -> map.put(r.get(column), r));
        return map;
    }

    static Instant ts(String value) {
        assertThat(value).matches(TIMESTAMP);
        return Instant.parse(value);
    }

    static Instant assertInWindow(String value) {
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
