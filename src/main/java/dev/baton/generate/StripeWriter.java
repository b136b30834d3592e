package dev.baton.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The billing side of the vendor twin, in Fivetran's Stripe table shapes. Each canonical subscription row becomes one
 * Stripe subscription of its account's customer, priced by a plan (amount per seat per interval in minor units) on
 * its invoice line item; a discount is the amount taken off each invoice. A canceled subscription's history also
 * holds the version from before the cancellation.
 */
final class StripeWriter {

    static final String FOLDER = "stripe";
    static final String[] CUSTOMER = {"id", "_fivetran_synced", "address_country", "created", "currency", "delinquent",
        "description", "email", "is_deleted", "livemode", "metadata", "name"};
    private static final String[] SUBSCRIPTION_COLUMNS = {"billing_cycle_anchor", "cancel_at", "cancel_at_period_end",
        "canceled_at", "created", "current_period_end", "current_period_start", "customer_id", "ended_at", "livemode",
        "metadata", "quantity", "start_date", "status", "trial_end", "trial_start"};
    static final String[] PLAN = {"id", "_fivetran_synced", "active", "amount", "billing_scheme", "created", "currency",
        "interval", "interval_count", "is_deleted", "livemode", "nickname", "product_id", "usage_type"};
    static final String[] PRICE = {"id", "_fivetran_synced", "active", "billing_scheme", "created", "currency",
        "is_deleted", "livemode", "lookup_key", "metadata", "nickname", "product_id", "recurring_interval",
        "recurring_interval_count", "recurring_usage_type", "type", "unit_amount"};
    static final String[] LINE_ITEM = {"id", "invoice_id", "_fivetran_synced", "amount", "currency", "description",
        "discountable", "livemode", "period_end", "period_start", "plan_id", "proration", "quantity", "subscription_id",
        "subscription_item_id", "type", "unique_id", "metadata"};
    static final String[] DISCOUNT = {"id", "type", "type_id", "_fivetran_synced", "amount", "checkout_session_id",
        "checkout_session_line_item_id", "coupon_id", "credit_note_line_item_id", "customer_id", "end", "invoice_id",
        "invoice_item_id", "promotion_code", "start", "subscription_id"};

    private final SplittableRandom r;
    private final Map<String, String> customers = new LinkedHashMap<>();
    /** plan id -> the plan row, sorted so the file does not depend on which subscription used a plan first */
    private final Map<String, String[]> plans = new TreeMap<>();
    private final Map<String, String> identities = new LinkedHashMap<>();
    private long lineItems;
    private long discounts;

    StripeWriter(SplittableRandom r) {
        this.r = r;
    }

    /** Stripe customer id -> canonical account id, for the answer key. */
    Map<String, String> identities() {
        return identities;
    }

    Map<String, Long> write(Path out, CrmDirectory crm, Path canonicalSubscriptions) throws IOException {
        Path folder = Files.createDirectories(out.resolve(FOLDER));
        Map<String, Long> rows = new LinkedHashMap<>();
        try (CsvSink customerSink = CsvSink.open(folder.resolve("customer_data.csv"), CUSTOMER);
                CsvSink subscriptions = CsvSink.open(folder.resolve("subscription_data.csv"), subscriptionHeader(false));
                CsvSink history = CsvSink.open(folder.resolve("subscription_history_data.csv"), subscriptionHeader(true));
                CsvSink lineItemSink = CsvSink.open(folder.resolve("invoice_line_item_data.csv"), LINE_ITEM);
                CsvSink discountSink = CsvSink.open(folder.resolve("discount_data.csv"), DISCOUNT)) {
            CanonicalCsv.forEach(canonicalSubscriptions, s -> {
                CrmAccount account = crm.of(s[1]);
                String customer = customers.get(account.canonicalId());
                if (customer == null) {
                    customer = VendorIds.stripe("cus_", 14, r);
                    customers.put(account.canonicalId(), customer);
                    identities.put(customer, account.canonicalId());
                    writeCustomer(customerSink, customer, account);
                }
                writeSubscription(s, customer, subscriptions, history, lineItemSink, discountSink);
            });
            rows.put(FOLDER + "/customer_data.csv", customerSink.rows());
            rows.put(FOLDER + "/subscription_data.csv", subscriptions.rows());
            rows.put(FOLDER + "/subscription_history_data.csv", history.rows());
            rows.put(FOLDER + "/invoice_line_item_data.csv", lineItemSink.rows());
            rows.put(FOLDER + "/discount_data.csv", discountSink.rows());
        }
        try (CsvSink planSink = CsvSink.open(folder.resolve("plan_data.csv"), PLAN);
                CsvSink priceSink = CsvSink.open(folder.resolve("price_data.csv"), PRICE)) {
            for (String[] plan : plans.values()) {
                planSink.row((Object[]) plan);
                // the newer Prices API mirrors every plan as a price of the same id
                priceSink.row(plan[0], plan[1], "true", "per_unit", plan[5], plan[6], "false", "true", plan[0], "{}",
                        plan[11], plan[12], plan[7], plan[8], "licensed", "recurring", plan[3]);
            }
            rows.put(FOLDER + "/plan_data.csv", planSink.rows());
            rows.put(FOLDER + "/price_data.csv", priceSink.rows());
        }
        return rows;
    }

    private static String[] subscriptionHeader(boolean history) {
        List<String> header = new java.util.ArrayList<>(List.of("id", "_fivetran_synced"));
        if (history) {
            header.add("_fivetran_active");
        }
        header.addAll(List.of(SUBSCRIPTION_COLUMNS));
        return header.toArray(String[]::new);
    }

    private static void writeCustomer(CsvSink sink, String id, CrmAccount a) throws IOException {
        String metadata = a.stripeLinkage() == Linkage.METADATA
                ? "{\"salesforce_account_id\":\"" + a.salesforceId() + "\"}" : "{}";
        sink.row(id, VendorIds.fivetranTime(a.updatedAt()), a.country(), VendorIds.fivetranTime(a.createdAt()), "",
                "false", "", a.stripeEmail(), "false", "true", metadata, a.stripeName());
    }

    /**
     * subscription_id, account_id, plan, quantity, amount, currency, billing_period_months, discount_pct, start_date,
     * end_date, status, updated_at
     */
    private void writeSubscription(String[] s, String customer, CsvSink subscriptions, CsvSink history,
            CsvSink lineItemSink, CsvSink discountSink) throws IOException {
        String id = VendorIds.stripe("sub_", 24, r);
        String currency = s[5].toLowerCase(Locale.ROOT);
        int months = Integer.parseInt(s[6]);
        long unitMinor = new BigDecimal(s[4]).movePointRight(2).longValueExact();
        long quantity = Long.parseLong(s[3]);
        long discountMinor = unitMinor * quantity * Integer.parseInt(s[7]) / 100;
        String planId = s[2] + "-" + currency + "-" + months + "m";
        String start = s[8] + " 00:00:00";
        String end = s[9].isEmpty() ? "" : s[9] + " 00:00:00";
        String updated = VendorIds.fivetranTime(s[11]);
        plans.putIfAbsent(planId, new String[] {planId, updated, "true", Long.toString(unitMinor), "per_unit", start,
            currency, months % 12 == 0 ? "year" : "month", Integer.toString(months % 12 == 0 ? months / 12 : months),
            "false", "true", s[2], "prod_" + s[2], "licensed"});
        boolean canceled = s[10].equals("canceled");
        String status = switch (s[10]) {
            case "trial" -> "trialing";
            default -> s[10];
        };
        boolean trial = s[10].equals("trial");
        Object[] current = {id, updated, start, canceled ? "" : end, Boolean.toString(!canceled && !end.isEmpty()),
            canceled ? updated : "", start, end, start, customer, canceled ? end : "", "true", "{}", s[3], start, status,
            trial ? end : "", trial ? start : ""};
        subscriptions.row(current);
        if (canceled && start.compareTo(updated) < 0) {
            // the version billing held before the cancellation: active and open-ended
            history.row(id, start, "false", start, "", "false", "", start, "", start, customer, "", "true", "{}", s[3],
                    start, "active", "", "");
        }
        Object[] currentVersion = new Object[current.length + 1];
        currentVersion[0] = id;
        currentVersion[1] = updated;
        currentVersion[2] = "true";
        System.arraycopy(current, 2, currentVersion, 3, current.length - 2);
        history.row(currentVersion);
        lineItems++;
        String invoice = "in_" + Fmt.id('0', lineItems, 9).substring(1);
        lineItemSink.row("il_" + lineItems, invoice, updated, Long.toString(unitMinor * quantity - discountMinor),
                currency, s[3] + " x " + s[2], "true", "true", end, start, planId, "false", s[3], id,
                "si_" + lineItems, "subscription", "il_" + lineItems, "{}");
        if (discountMinor > 0) {
            discounts++;
            discountSink.row("di_" + discounts, "subscription", id, updated, Long.toString(discountMinor), "", "",
                    "coupon_" + s[7] + "off", "", customer, "", invoice, "", "", start, id);
        }
    }
}
