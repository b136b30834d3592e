package dev.baton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor twin is the canonical company, row for row, with linkage as the answer key states it. */
class VendorGeneratorTests {

    private static final long SEED = 42L;
    private static final int ACCOUNTS = 300;
    private static final YearMonth START = YearMonth.of(2023, 1);
    private static final int MONTHS = 24;

    @TempDir
    static Path temp;

    static Path canonical;
    static Path vendors;
    static VendorSummary summary;

    @BeforeAll
    static void generate() throws IOException {
        canonical = temp.resolve("canonical");
        vendors = temp.resolve("vendors");
        new LandingGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(canonical);
        summary = new VendorGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(vendors);
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        // when
        Path again = temp.resolve("again");
        new VendorGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(again);

        // then
        List<Path> files;
        try (Stream<Path> walk = Files.walk(vendors)) {
            files = walk.filter(Files::isRegularFile).map(vendors::relativize).sorted().toList();
        }
        assertThat(files).hasSize(21);
        for (Path file : files) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file.toString()).isEqualTo(Files.readAllBytes(vendors.resolve(file)));
        }
    }

    @Test
    void everyCanonicalRowHasOneVendorRow() throws IOException {
        assertThat(rows("salesforce/sf_account_data.csv")).hasSameSizeAs(canonicalRows("accounts.csv")).hasSize(ACCOUNTS);
        assertThat(rows("salesforce/sf_opportunity_data.csv")).hasSameSizeAs(canonicalRows("deals.csv"));
        assertThat(rows("stripe/subscription_data.csv")).hasSameSizeAs(canonicalRows("subscriptions.csv"));
        assertThat(rows("zendesk/ticket_data.csv")).hasSameSizeAs(canonicalRows("tickets.csv"));
        assertThat(rows("handoffs.csv")).hasSameSizeAs(canonicalRows("handoffs.csv"));
        assertThat(rows("survey_responses.csv")).hasSameSizeAs(canonicalRows("survey_responses.csv"));
        assertThat(Files.readAllBytes(vendors.resolve("fx_rates.csv"))).isEqualTo(Files.readAllBytes(canonical.resolve("fx_rates.csv")));
        assertThat(summary.rowsPerFile()).containsEntry("salesforce/sf_account_data.csv", (long) ACCOUNTS);
    }

    @Test
    void stripeTermsAreTheCanonicalTerms() throws IOException {
        // given
        List<CSVRecord> subscriptions = rows("stripe/subscription_data.csv");
        Map<String, CSVRecord> lineItems = index(rows("stripe/invoice_line_item_data.csv"), r -> r.get("subscription_id"));
        Map<String, CSVRecord> plans = index(rows("stripe/plan_data.csv"), r -> r.get("id"));
        Map<String, CSVRecord> discounts = index(rows("stripe/discount_data.csv"), r -> r.get("subscription_id"));
        List<CSVRecord> expected = canonicalRows("subscriptions.csv");

        // then: row i of each file is the same subscription
        for (int i = 0; i < expected.size(); i++) {
            CSVRecord want = expected.get(i);
            CSVRecord sub = subscriptions.get(i);
            CSVRecord plan = plans.get(lineItems.get(sub.get("id")).get("plan_id"));
            assertThat(sub.get("quantity")).isEqualTo(want.get("quantity"));
            assertThat(new BigDecimal(plan.get("amount")).movePointLeft(2)).isEqualByComparingTo(want.get("amount"));
            assertThat(plan.get("currency")).isEqualToIgnoringCase(want.get("currency"));
            int months = Integer.parseInt(plan.get("interval_count")) * (plan.get("interval").equals("year") ? 12 : 1);
            assertThat(months).isEqualTo(Integer.parseInt(want.get("billing_period_months")));
            assertThat(plan.get("nickname")).isEqualTo(want.get("plan"));
            long discount = discounts.containsKey(sub.get("id")) ? Long.parseLong(discounts.get(sub.get("id")).get("amount")) : 0;
            assertThat(discount * 100).isEqualTo(Long.parseLong(plan.get("amount")) * Long.parseLong(sub.get("quantity"))
                    * Long.parseLong(want.get("discount_pct")));
            assertThat(sub.get("start_date")).startsWith(want.get("start_date"));
        }
    }

    @Test
    void linkageIsWhatTheAnswerKeySays() throws IOException {
        // given
        Map<String, CSVRecord> crm = index(rows("salesforce/sf_account_data.csv"), r -> r.get("id"));
        Map<String, Long> accountsPerDomain = crm.values().stream()
                .collect(Collectors.groupingBy(r -> r.get("website").replace("https://www.", ""), Collectors.counting()));
        Map<String, Long> accountsPerName = crm.values().stream()
                .collect(Collectors.groupingBy(r -> VendorIds.normalisedName(r.get("name")), Collectors.counting()));
        Map<String, CSVRecord> customers = index(rows("stripe/customer_data.csv"), r -> r.get("id"));
        Map<String, List<String>> requesterDomains = new HashMap<>();
        for (CSVRecord user : rows("zendesk/user_data.csv")) {
            if (user.get("role").equals("end-user")) {
                requesterDomains.computeIfAbsent(user.get("organization_id"), k -> new ArrayList<>()).add(domain(user.get("email")));
            }
        }
        Map<String, CSVRecord> organizations = index(rows("zendesk/organization_data.csv"), r -> r.get("id"));
        Map<String, Long> counted = new HashMap<>();

        // then
        for (CSVRecord key : rows("answer-key/identities.csv")) {
            counted.merge(key.get("system") + " " + key.get("linkage"), 1L, Long::sum);
            CSVRecord account = crm.get(key.get("crm_account_id"));
            String website = account.get("website").replace("https://www.", "");
            if (key.get("system").equals("stripe")) {
                CSVRecord customer = customers.get(key.get("source_id"));
                boolean metadata = key.get("linkage").equals("metadata");
                assertThat(customer.get("metadata")).isEqualTo(metadata ? "{\"salesforce_account_id\":\"" + account.get("id") + "\"}" : "{}");
                String emailDomain = domain(customer.get("email"));
                switch (key.get("linkage")) {
                    case "domain" -> assertThat(accountsPerDomain.get(emailDomain)).as(emailDomain).isEqualTo(1L);
                    case "ambiguous_domain" -> assertThat(accountsPerDomain.get(emailDomain)).as(emailDomain).isEqualTo(2L);
                    case "name" -> {
                        assertThat(VendorIds.FREE_MAIL).contains(emailDomain);
                        // "Cedar Labs Inc" as billing typed it: "CEDAR LABS, Inc."
                        assertThat(customer.get("name")).isNotEqualTo(account.get("name")).contains(", ").endsWith(".");
                        assertThat(VendorIds.normalisedName(customer.get("name"))).isEqualTo(VendorIds.normalisedName(account.get("name")));
                        assertThat(accountsPerName.get(VendorIds.normalisedName(account.get("name")))).isEqualTo(1L);
                    }
                    case "none" -> {
                        assertThat(VendorIds.FREE_MAIL).contains(emailDomain);
                        assertThat(accountsPerName).doesNotContainKey(VendorIds.normalisedName(customer.get("name")));
                    }
                    default -> assertThat(emailDomain).isEqualTo(website);
                }
            } else {
                CSVRecord organization = organizations.get(key.get("source_id"));
                boolean externalId = key.get("linkage").equals("external_id");
                assertThat(organization.get("external_id")).isEqualTo(externalId ? account.get("id") : "");
                assertThat(requesterDomains.get(key.get("source_id"))).containsOnly(website);
                if (!externalId) {
                    assertThat(accountsPerDomain.get(website)).isEqualTo(key.get("linkage").equals("domain") ? 1L : 2L);
                }
            }
        }
        assertThat(counted).isEqualTo(summary.linkage());
        // seed 42, 300 accounts: most customers carry the CRM id, every kind occurs
        assertThat(summary.linkage()).containsOnlyKeys("stripe metadata", "stripe domain", "stripe name", "stripe none",
                "stripe ambiguous_domain", "zendesk external_id", "zendesk domain", "zendesk ambiguous_domain");
        assertThat(summary.linkage().get("stripe metadata")).isGreaterThan(ACCOUNTS / 2);
        assertThat(accountsPerDomain.values().stream().filter(n -> n == 2).count()).isEqualTo(2);
    }

    private static String domain(String email) {
        return email.substring(email.indexOf('@') + 1);
    }

    private static Map<String, CSVRecord> index(List<CSVRecord> records, Function<CSVRecord, String> key) {
        Map<String, CSVRecord> index = new HashMap<>();
        records.forEach(record -> index.put(key.apply(record), record));
        return index;
    }

    private static List<CSVRecord> rows(String file) throws IOException {
        return read(vendors.resolve(file));
    }

    private static List<CSVRecord> canonicalRows(String file) throws IOException {
        return read(canonical.resolve(file));
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }
}
