package dev.baton.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

import dev.baton.extract.LandingContract.Column;
import dev.baton.warehouse.LandedTables;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * What sends a typed row of a delivery to quarantine, as one set-based INSERT: a record that could not be split, a
 * missing, unparseable or rule-breaking value, an ambiguous duplicate key, an unknown reference (from the landing
 * contract's {@link EntityReferences}).
 */
final class QuarantineRules {

    private final Connection connection;
    private final LocalDate runDate;
    private final String reportingCurrency;

    QuarantineRules(Connection connection, LocalDate runDate, String reportingCurrency) {
        this.connection = connection;
        this.runDate = runDate;
        this.reportingCurrency = reportingCurrency;
    }

    /** Writes every problem of the {@code typed} rows (and of the records that could not be split) to quarantine. */
    void write(LandingContract contract, String sourceFile, String incoming, LineSpans spans) throws SQLException {
        List<String> problems = new ArrayList<>();
        // A record that could not be split into columns; its text is kept unless it may carry personal data.
        problems.add(spans.rejects(incoming, contract.hasHashedColumns()));
        problems.add(spans.problems());
        problems.addAll(valueProblems(contract, UnaryOperator.identity()));
        problems.addAll(duplicateKeys(contract));
        problems.addAll(references(contract, reportingCurrency));
        String sql = "insert into quarantine select ?, ?, ?, line_number, column_name, raw_value, reason from ("
                + String.join("\nunion all\n", problems) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, runDate);
            insert.setString(2, contract.entity());
            insert.setString(3, sourceFile);
            insert.executeUpdate();
        }
    }

    /**
     * A missing required value, a value that does not parse as its type, a value breaking a rule: SELECTs over
     * {@code typed} in the portable subset, for any engine that builds {@code typed} the same way.
     *
     * @param ruleSql a CHECK as DuckDB prints it, in the SQL of the engine that runs it (itself for DuckDB)
     */
    static List<String> valueProblems(LandingContract contract, UnaryOperator<String> ruleSql) {
        List<String> problems = new ArrayList<>();
        for (Column column : contract.columns()) {
            String name = column.name();
            if (column.required()) {
                problems.add(problem(contract, name, raw(column) + " is null", "'missing required value'"));
            }
            if (!column.isText()) {
                problems.add(problem(contract, name, name + "__raw is not null and " + name + " is null",
                        SqlIdentifiers.quoteLiteral("not " + column.expectation())));
            }
        }
        for (LandingContract.Rule rule : contract.rules()) {
            problems.add(problem(contract, rule.column(), "(" + ruleSql.apply(rule.expression()) + ") = false",
                    SqlIdentifiers.quoteLiteral("breaks rule " + rule.expression())));
        }
        return problems;
    }

    /**
     * A column's value as delivered (trimmed, empty as null) in {@code typed}: {@code <name>__raw} where the column is
     * typed, the column itself where it is text, since there the two are the same value and {@code typed} may hold it
     * once (DuckDB's does: a second copy of every text column cost a tenth of the extract).
     */
    static String raw(Column column) {
        return column.isText() ? column.name() : column.name() + "__raw";
    }

    private static String raw(LandingContract contract, String name) {
        return contract.columns().stream().filter(column -> column.name().equals(name)).findFirst()
                .map(QuarantineRules::raw).orElse(name + "__raw");
    }

    private static String problem(LandingContract contract, String column, String condition, String reasonLiteral) {
        return "select _line_number as line_number, '" + column + "' as column_name, " + raw(contract, column)
                + " as raw_value, " + reasonLiteral + " as reason from typed where " + condition;
    }

    /**
     * Two rows of one delivery with the same key and version but different values: neither can be trusted. Only keys
     * seen more than once ({@code repeated_keys}, usually none) have their contents compared.
     */
    private static List<String> duplicateKeys(LandingContract contract) {
        List<String> key = contract.versionKey();
        if (contract.naturalKey().isEmpty()) {
            return List.of();
        }
        String keyList = String.join(", ", key);
        StringJoiner content = new StringJoiner(", ", "row(", ")");
        contract.columns().forEach(column -> content.add(raw(column)));
        String firstKey = contract.naturalKey().get(0);
        return List.of("select typed._line_number, '" + firstKey + "', typed." + raw(contract, firstKey) + ","
                + " 'duplicate key in this delivery with different contents (lines ' || clashes.lines || ')'"
                + " from typed inner join (select " + keyList + ", string_agg(cast(_line_number as varchar), ', ' order by _line_number) as lines"
                + " from typed where exists (select 1 from repeated_keys where " + sameValues("typed", "repeated_keys", key) + ")"
                + " group by " + keyList + " having count(distinct " + content + ") > 1) as clashes"
                + " on " + sameValues("typed", "clashes", key));
    }

    /** Null-safe equality of these columns between two tables: {@code a.x is not distinct from b.x and ...}. */
    static String sameValues(String left, String right, List<String> columns) {
        return String.join(" and ", columns.stream().map(c -> left + "." + c + " is not distinct from " + right + "." + c).toList());
    }

    /**
     * References to other entities, declared in the landing contract ({@link EntityReferences}): they read what was
     * landed before, since an entity loads after the entities it references. Portable: another engine provides
     * {@code landed_<entity>} with the referenced column.
     */
    static List<String> references(LandingContract contract, String reportingCurrency) {
        List<String> problems = new ArrayList<>();
        for (EntityReferences.Reference reference : EntityReferences.contract().of(contract.entity())) {
            String column = reference.column();
            String known = reference.entityColumn() + " from " + LandedTables.of(reference.entity());
            if (reference.orReportingCurrency()) {
                String reporting = SqlIdentifiers.quoteLiteral(reportingCurrency);
                problems.add(problem(contract, column, column + " is not null and " + column + " <> " + reporting
                        + " and " + column + " not in (select " + known + ")",
                        SqlIdentifiers.quoteLiteral("unknown " + reference.noun() + ": not in " + reference.entity()
                                + " and not the reporting currency " + reportingCurrency)));
            } else {
                problems.add(problem(contract, column, column + " is not null and " + column + " not in (select " + known + ")",
                        SqlIdentifiers.quoteLiteral("unknown " + reference.noun() + ": no " + reference.entity()
                                + " row has this " + column)));
            }
        }
        return problems;
    }
}
