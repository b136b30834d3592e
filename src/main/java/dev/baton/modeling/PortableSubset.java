package dev.baton.modeling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.warehouse.ProjectFiles.ProjectFile;

/**
 * The SQL subset DuckDB and Spark SQL both run with the same result (DESIGN.md, "Portable SQL subset"), checked on
 * every model file so a construct only one engine reads (or reads differently) fails `baton validate`, every run and
 * the build, naming the file and line, before the Spark parity test would.
 *
 * <p>A denylist, not a parser: comments and string literals are blanked first (keeping line numbers), then each
 * construct is searched for. What it cannot see (an ORDER BY that leans on the engine's default NULL order, ties in
 * a window) is left to the parity test.
 */
final class PortableSubset {

    private record Rule(Pattern pattern, String construct) {
    }

    private static final List<Rule> RULES = new ArrayList<>();

    static {
        rule("\\bqualify\\b", "QUALIFY (use ROW_NUMBER() in a CTE)");
        rule("\\b(generate_series|range|unnest|explode|explode_outer|posexplode|sequence)\\s*\\(",
                "a row generator (build spines from dim_date/dim_month)");
        rule("::", "a :: cast (use CAST(x AS type))");
        rule("\"", "a double-quoted identifier (Spark reads \"x\" as a string)");
        rule("\\b(list|struct|array|map|string|str|regexp_split|json)_[a-z_]*\\s*\\(", "a DuckDB-only function");
        rule("\\b(epoch|epoch_ms|epoch_us|epoch_ns|date_diff|datediff|date_sub|date_add|date_part|datepart|"
                + "strftime|strptime|regexp_matches|regexp_full_match|age|today|time_bucket|"
                + "array_agg|string_agg|listagg|group_concat|arg_max|arg_min|argmax|argmin|"
                + "quantile|quantile_cont|quantile_disc|median|mode|percentile_approx|percentile_cont|percentile_disc|"
                + "approx_count_distinct|approx_quantile|approx_percentile|any_value|first|last|first_value|last_value|"
                + "to_timestamp|to_char|date_format|months_between|add_months|timestampdiff|timestampadd|dateadd|"
                + "starts_with|startswith|ends_with|endswith|contains|hash|md5|sha1|sha256)\\s*\\(",
                "a function the two engines lack or compute differently");
        rule("\\b(now|current_date|current_timestamp|localtimestamp|random|rand|uuid|gen_random_uuid)\\b",
                "a value that is not a function of the inputs (read the run date from run_context)");
        rule("\\binterval\\b", "an INTERVAL (date + interval is a timestamp on DuckDB, a date on Spark)");
        rule("\\b(group|order)\\s+by\\s+all\\b", "GROUP/ORDER BY ALL (write the column list)");
        rule("\\bdistinct\\s+on\\b", "DISTINCT ON (use ROW_NUMBER())");
        rule("\\b(exclude|columns)\\s*\\(", "a DuckDB star expression");
        rule("\\bunion\\s+(all\\s+)?by\\s+name\\b", "UNION BY NAME");
        rule("\\b(asof|positional)\\s+(left\\s+)?join\\b", "an ASOF or POSITIONAL join");
        rule("\\b(pivot|unpivot)\\b", "PIVOT/UNPIVOT");
        rule("\\b(similar\\s+to|glob)\\b", "a DuckDB-only pattern match (use LIKE)");
        rule("//", "// integer division (use CAST(a AS DOUBLE)/NULLIF(b,0) or FLOOR)");
        rule("\\*\\*|\\^", "a power operator (^ is XOR on Spark)");
        rule("[\\[\\]{}]", "a list or struct literal or subscript");
        // learnt making the models run on Spark: a decimal literal makes Spark compute in DECIMAL with few places
        rule("/\\s*\\d+\\.\\d+", "division by a decimal literal (Spark keeps 6 places; write CAST(a AS DOUBLE) / n)");
        rule("\\bavg\\s*\\([^()]*\\b\\d+\\.\\d+", "avg over a decimal literal (Spark keeps 4 more places; average integers)");
        rule("(?<!cast\\(\\s{0,20})\\bdate_trunc\\s*\\(", "date_trunc without CAST(... AS DATE) around it");
    }

    private static void rule(String regex, String construct) {
        RULES.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), construct));
    }

    private PortableSubset() {
    }

    /** One line per construct outside the subset: {@code sql/core/x.sql line 12: QUALIFY ... is outside ...}. */
    static List<String> violations(ProjectFile file) {
        String code = blankCommentsAndStrings(file.text());
        List<Violation> found = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(code);
            while (matcher.find()) {
                int line = lineOf(code, matcher.start());
                found.add(new Violation(line, file.path() + " line " + line + ": " + rule.construct() + " ('"
                        + matcher.group().strip() + "') is outside the portable subset (DESIGN.md)"));
            }
        }
        return found.stream().sorted(Comparator.comparingInt(Violation::line)).map(Violation::text).toList();
    }

    private record Violation(int line, String text) {
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Comments and the contents of 'string literals' become spaces; newlines stay so line numbers hold. */
    static String blankCommentsAndStrings(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                blank(sql, i, end, out);
                i = end;
            } else if (c == '\'') {
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == '\'' && end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
                        end += 2;
                    } else if (sql.charAt(end) == '\'') {
                        break;
                    } else {
                        end++;
                    }
                }
                out.append('\'');
                blank(sql, i + 1, Math.min(end, sql.length()), out);
                if (end < sql.length()) {
                    out.append('\'');
                }
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String sql, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            out.append(sql.charAt(i) == '\n' ? '\n' : ' ');
        }
    }
}
