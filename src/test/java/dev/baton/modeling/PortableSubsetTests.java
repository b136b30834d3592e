package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.baton.cli.BatonCli;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortableSubsetTests {

    private static final String HEADER = "/* model: fct_a\n   grain: one row per thing (thing_id)\n   depends_on: landed_a\n*/\n";

    @TempDir
    Path project;

    private static List<String> violations(String select) {
        return PortableSubset.violations(new ProjectFile("sql/core/fct_a.sql", HEADER + "with\n\na as (\n    " + select + "\n)\n\nselect * from a\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            select * from landed_a qualify row_number() over (order by id) = 1 | QUALIFY
            select * from generate_series(1, 10)                             | row generator
            select * from range(10)                                          | row generator
            select explode(items) from landed_a                              | row generator
            select unnest(items) from landed_a                               | row generator
            select id::integer from landed_a                                 | :: cast
            select "id" from landed_a                                        | double-quoted identifier
            select list_sum(items) from landed_a                             | DuckDB-only function
            select struct_pack(a := 1) from landed_a                         | DuckDB-only function
            select string_split(name, ',') from landed_a                     | DuckDB-only function
            select epoch(created_at) from landed_a                           | lack or compute differently
            select date_diff('day', a, b) from landed_a                      | lack or compute differently
            select datediff(b, a) from landed_a                              | lack or compute differently
            select strftime(created_at, '%Y') from landed_a                  | lack or compute differently
            select regexp_matches(name, 'x') from landed_a                   | lack or compute differently
            select median(amount) from landed_a                              | lack or compute differently
            select percentile_approx(amount, 0.5) from landed_a              | lack or compute differently
            select arg_max(id, amount) from landed_a                         | lack or compute differently
            select current_date from landed_a                                | not a function of the inputs
            select created_at + interval 1 month from landed_a               | INTERVAL
            select id, count(*) from landed_a group by all                   | GROUP/ORDER BY ALL
            select distinct on (id) * from landed_a                          | DISTINCT ON
            select * exclude (id) from landed_a                              | DuckDB star expression
            select a // b from landed_a                                      | integer division
            select a ^ 2 from landed_a                                       | power operator
            select items[1] from landed_a                                    | list or struct literal
            select date_trunc('month', created_at) as m from landed_a        | date_trunc without CAST
            select cast(seconds as bigint) / 3600.0 as hours from landed_a   | division by a decimal literal
            select avg(case when ok then 1.0 else 0.0 end) from landed_a     | avg over a decimal literal
            """)
    void rejectsAConstructOutsideTheSubsetNamingFileAndLine(String select, String construct) {
        List<String> found = violations(select);

        assertThat(found).isNotEmpty();
        assertThat(found.get(0))
                .startsWith("sql/core/fct_a.sql line 8: ")
                .contains(construct)
                .endsWith("is outside the portable subset (DESIGN.md)");
    }

    @Test
    void acceptsThePortableFormsAndIgnoresCommentsAndStrings() {
        assertThat(violations("""
                -- QUALIFY, generate_series() and "quotes" in a comment are fine
                select cast(date_trunc('month', created_at) as date) as month_start,
                    cast(a as double) / nullif(b, 0) as ratio, 'it''s :: "x" [1]' as label,
                    row_number() over (partition by id order by updated_at desc nulls last, id) as version_rank,
                    unix_seconds(created_at) as seconds, from_utc_timestamp(created_at, 'UTC') as local_at
                from landed_a /* first() here too */""")).isEmpty();
    }

    @Test
    void theShippedModelsAreInTheSubset() {
        ProjectFiles shipped = new ProjectFiles(Path.of("."));
        List<ProjectFile> models = shipped.find("sql", ".sql").stream().filter(file -> !file.folder().endsWith("audits")).toList();

        assertThat(models).hasSizeGreaterThan(30);
        assertThat(models).allSatisfy(file -> assertThat(PortableSubset.violations(file)).as(file.path()).isEmpty());
    }

    @Test
    void loadingTheCatalogFailsOnAConstructOutsideTheSubset() throws IOException {
        Path file = project.resolve("sql/core/fct_a.sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, HEADER + "select *\nfrom landed_a\nqualify row_number() over (order by id) = 1\n");

        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project)))
                .hasMessageStartingWith("sql/core/fct_a.sql line 7: QUALIFY");
    }

    @Test
    void validateNamesTheFileLineAndConstructWithExitTwo() throws Exception {
        // given the shipped project with one model changed to use a DuckDB-only cast
        Path copy = Scenarios.copyProject(project.resolve("project"));
        Path model = copy.resolve("sql/core/dim_plan.sql");
        Files.writeString(model, Files.readString(model).replace("cast(count(*) as bigint)", "count(*)::bigint"));
        int line = Files.readAllLines(model).indexOf(Files.readAllLines(model).stream()
                .filter(text -> text.contains("::bigint")).findFirst().orElseThrow()) + 1;

        // when
        Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", copy.toString()));

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n")
                .isEqualTo("baton: invalid project: sql/core/dim_plan.sql line " + line
                        + ": a :: cast (use CAST(x AS type)) ('::') is outside the portable subset (DESIGN.md)");
    }
}
