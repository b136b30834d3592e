package dev.baton.extract;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * A CSV record whose quoted value spans lines in a column the contract does not mark free text: a stray quote has
 * merged lines into one record, so the record cannot be trusted and each of its lines is counted and quarantined as
 * a record of its own; rows read then count the file's physical records. A rejected record that spans lines (an
 * unclosed quote) is split the same way, unless the entity has free text, where one record may span lines.
 */
final class LineSpans {

    private final boolean expandRejects;

    private LineSpans(boolean expandRejects) {
        this.expandRejects = expandRejects;
    }

    /**
     * Fills temp table {@code spanned} (line_number, span, column_name) from {@code incoming}.
     *
     * @param header the delivery's columns: normalised name to the name as written
     * @param csv    whether line breaks inside values are lines of the file (not for JSON, Parquet or JDBC)
     */
    static LineSpans find(Statement statement, LandingContract contract, Map<String, String> header, String incoming, boolean csv)
            throws SQLException {
        Map<String, String> checked = new LinkedHashMap<>();
        header.forEach((normalised, written) -> checked.put(written, written));
        for (LandingContract.Column column : contract.columns()) {
            String written = header.get(HeaderNames.normalise(column.sourceName()));
            if (written == null) {
                continue;
            }
            if (column.freeText()) {
                checked.remove(written);
            } else if (checked.containsKey(written)) {
                checked.put(written, column.name());
            }
        }
        StringJoiner firstBroken = new StringJoiner(" ", "case ", " end");
        StringJoiner breaks = new StringJoiner(" + ", "1 + ", "");
        checked.forEach((written, name) -> firstBroken.add("when strpos(" + DuckDbFiles.quoteIdentifier(written)
                + ", chr(10)) > 0 then " + SqlIdentifiers.quoteLiteral(name)));
        header.values().forEach(written -> breaks.add("coalesce(length(" + DuckDbFiles.quoteIdentifier(written)
                + ") - length(replace(" + DuckDbFiles.quoteIdentifier(written) + ", chr(10), '')), 0)"));
        statement.execute(!csv || checked.isEmpty()
                ? "create or replace temp table spanned (line_number bigint, span bigint, column_name varchar)"
                : "create or replace temp table spanned as select line_number, span, column_name from (select _line_number as line_number, "
                        + breaks + " as span, " + firstBroken + " as column_name from " + incoming + ") where column_name is not null");
        return new LineSpans(csv && !contract.hasFreeText());
    }

    /** Quarantine rows (line_number, column_name, raw_value, reason), one per line of every spanned record. */
    String problems() {
        return "select spanned.line_number + step.i as line_number, spanned.column_name, cast(null as varchar) as raw_value,"
                + " 'line break inside the quoted value of ' || spanned.column_name || ', which is not free text: lines '"
                + " || spanned.line_number || '-' || (spanned.line_number + spanned.span - 1)"
                + " || ' were read as one record (a stray quote?)' as reason"
                + " from spanned, lateral (select unnest(range(spanned.span)) as i) as step";
    }

    /** The rejected records as quarantine rows, one per line where a record may not span lines. */
    String rejects(String incoming, boolean hideText) {
        String raw = hideText ? "cast(null as varchar)" : "rejects.raw_line";
        if (!expandRejects) {
            return "select line_number, column_name, " + raw + " as raw_value, reason from " + incoming + "_rejects as rejects";
        }
        return "select rejects.line_number + step.i as line_number, rejects.column_name, case when step.i = 0 then " + raw
                + " end as raw_value, rejects.reason from " + incoming + "_rejects as rejects,"
                + " lateral (select unnest(range(coalesce(rejects.line_count, 1))) as i) as step";
    }

    /** Records beyond the ones read: the extra lines of spanned and split records. */
    long extraRecords(Statement statement, String incoming) throws SQLException {
        String sql = "select (select coalesce(sum(span - 1), 0) from spanned)"
                + (expandRejects ? " + (select coalesce(sum(coalesce(line_count, 1) - 1), 0) from " + incoming + "_rejects)" : "");
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
