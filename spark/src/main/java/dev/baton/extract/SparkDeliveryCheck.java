package dev.baton.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.extract.LandingContract.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A delivery's rows typed and checked by Spark SQL: the quarantine rows {@link QuarantineRules} writes on DuckDB,
 * with the same reasons. The value checks (missing, unparseable, rule-breaking) and the unknown references are
 * {@link QuarantineRules}' own SQL over {@code typed}; Spark's own are TRY_CAST to Spark's types, a rule's one
 * DuckDB-only function ({@code regexp_full_match}) as an anchored {@code regexp_like}, and the duplicate-key lines
 * gathered with {@code collect_list}. Referenced entities are read from the session's {@code landed_<entity>} views
 * ({@link SparkDeliveryEngine} puts them there).
 */
final class SparkDeliveryCheck {

    private static final Pattern FULL_MATCH = Pattern.compile("regexp_full_match\\(([\\w`]+), '((?:[^']|'')*)'\\)");
    /** {@code "name"} outside a string literal: an even number of single quotes follows it. */
    private static final Pattern QUOTED_IDENTIFIER = Pattern.compile("\"(\\w+)\"((?=(?:[^']*'[^']*')*[^']*$))");

    /** {@code typed}: the contract's columns, typed, with {@code _line_number}; problems as quarantine rows. */
    record Checked(Dataset<Row> typed, Dataset<Row> quarantine) {
    }

    private final SparkSession spark;
    private final String reportingCurrency;

    SparkDeliveryCheck(SparkSession spark, String reportingCurrency) {
        this.spark = spark;
        this.reportingCurrency = reportingCurrency;
    }

    /** @param header the delivery's columns by normalised name, as written ({@link HeaderNames}) */
    Checked check(LandingContract contract, Map<String, String> header, SparkDeliveryRead.Read read, boolean hashed) {
        read.rows().createOrReplaceTempView("incoming");
        spark.sql(typedSelect(contract, header, hashed)).cache().createOrReplaceTempView("typed");
        List<String> problems = new ArrayList<>();
        String raw = contract.hasHashedColumns() ? "cast(null as string)" : "raw_line";
        read.rejects().createOrReplaceTempView("incoming_rejects");
        problems.add("select line_number, column_name, " + raw + " as raw_value, reason from incoming_rejects");
        problems.addAll(QuarantineRules.valueProblems(contract, SparkDeliveryCheck::portable));
        problems.addAll(duplicateKeys(contract));
        problems.addAll(QuarantineRules.references(contract, reportingCurrency));
        Dataset<Row> quarantine = spark.sql(String.join("\nunion all\n", problems)).cache();
        return new Checked(spark.table("typed"), quarantine);
    }

    /** @param hashed whether a key is set ({@link SparkKeyedHash#install}): without one, personal data lands empty */
    private static String typedSelect(LandingContract contract, Map<String, String> header, boolean hashed) {
        StringJoiner columns = new StringJoiner(",\n    ");
        columns.add("_line_number");
        for (Column column : contract.columns()) {
            String fileName = header.get(HeaderNames.normalise(column.sourceName()));
            String raw = fileName == null ? "cast(null as string)" : "nullif(trim(`" + fileName.replace("`", "``") + "`), '')";
            if (column.hashed() && fileName != null) {
                // The raw address never leaves this expression: quarantine and archive see the hash only.
                raw = hashed ? SparkKeyedHash.sql(raw) : "cast(null as string)";
            }
            columns.add(raw + " as " + column.name() + "__raw");
            columns.add(column.isText() ? raw + " as " + column.name()
                    : "try_cast(" + raw + " as " + sparkType(column.type()) + ") as " + column.name());
        }
        return "select\n    " + columns + "\nfrom incoming";
    }

    /** DuckDB's name of a contract type as Spark's. */
    static String sparkType(String duckDbType) {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        if (type.startsWith("TIMESTAMP")) {
            return "timestamp";
        }
        if (type.startsWith("DECIMAL") || type.equals("DATE") || type.equals("BOOLEAN") || type.equals("BIGINT")) {
            return type.toLowerCase(Locale.ROOT);
        }
        if (type.equals("INTEGER")) {
            return "int";
        }
        if (type.equals("VARCHAR")) {
            return "string";
        }
        throw new IllegalArgumentException("No Spark type for the landing contract's " + duckDbType);
    }

    /**
     * A CHECK as DuckDB prints it, in Spark SQL: {@code regexp_full_match} is DuckDB's only, and DuckDB quotes an
     * identifier that is a keyword ({@code "month"}) with double quotes, which are a string in Spark.
     */
    static String portable(String expression) {
        Matcher match = FULL_MATCH.matcher(QUOTED_IDENTIFIER.matcher(expression).replaceAll("`$1`$2"));
        StringBuilder out = new StringBuilder();
        while (match.find()) {
            match.appendReplacement(out, Matcher.quoteReplacement(
                    "regexp_like(" + match.group(1) + ", '^(?:" + match.group(2) + ")$')"));
        }
        match.appendTail(out);
        return out.toString();
    }

    /** As {@link QuarantineRules}: rows sharing key and version with different contents; lines listed in order. */
    private static List<String> duplicateKeys(LandingContract contract) {
        if (contract.naturalKey().isEmpty()) {
            return List.of();
        }
        List<String> key = contract.versionKey();
        String keyList = String.join(", ", key);
        StringJoiner content = new StringJoiner(", ", "struct(", ")");
        contract.columns().forEach(column -> content.add(column.name() + "__raw"));
        String firstKey = contract.naturalKey().get(0);
        return List.of("select typed._line_number, '" + firstKey + "', typed." + firstKey + "__raw,"
                + " concat('duplicate key in this delivery with different contents (lines ', clashes.lines, ')')"
                + " from typed inner join (select " + keyList + ","
                + " concat_ws(', ', transform(array_sort(collect_list(_line_number)), n -> cast(n as string))) as lines"
                + " from typed group by " + keyList + " having count(*) > 1 and count(distinct " + content + ") > 1) as clashes"
                + " on " + QuarantineRules.sameValues("typed", "clashes", key));
    }
}
