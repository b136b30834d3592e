package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped generic NPS export mapping ({@code jobs/sources/nps_csv.yml}) on a four-answer export, read by hand. */
class SurveyExportMappingIntegrationTests {

    private static final Path EXPORT = Path.of("src/test/resources/exports/nps_csv");

    @TempDir
    Path temp;

    @Test
    void answersLandAsNpsResponsesAndBadOnesAreQuarantined() throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(temp, LocalDate.of(2024, 6, 1))) {
            // given: the CRM's accounts N1 and N2
            fixture.extraction(1.0).landing(List.of("accounts"), EXPORT.resolve("crm"));

            // when
            SourceMapping mapping = SourceMapping.read(new ProjectFiles(Path.of(".")), "nps_csv");
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).mapping(mapping, EXPORT);

            // then: 101 (N1, 10) and 102 (N2, 4) land; 103's company N9 is unknown, 104's score 12 is out of range
            assertThat(deliveries).extracting(d -> tuple(d.entity(), d.sourceFile(), d.rowsRead(), d.rowsLoaded(), d.rowsQuarantined()))
                    .containsExactly(tuple("survey_responses", "nps_responses.csv", 4L, 2L, 2L));
            assertThat(fixture.rows("select response_id, account_id, survey, score, cast(responded_at as varchar) as at"
                    + " from landed_survey_responses order by response_id"))
                    .extracting(r -> tuple(r.get("response_id"), r.get("account_id"), r.get("survey"), r.get("score"), r.get("at")))
                    .containsExactly(tuple("101", "N1", "nps", 10, "2024-05-02 10:00:00+00"),
                            tuple("102", "N2", "nps", 4, "2024-05-03 11:30:00+00"));
            assertThat(fixture.count("select * from landed_survey_responses where respondent_email_hash is null"
                    + " or respondent_email_hash like '%@%'")).isZero();
            assertThat(fixture.rows("select line_number, column_name, reason from quarantine where source_file = 'nps_responses.csv'"
                    + " order by line_number"))
                    .extracting(r -> tuple(r.get("line_number"), r.get("column_name"), r.get("reason")))
                    .containsExactly(tuple(4L, "account_id", "unknown account: no accounts row has this account_id"),
                            tuple(5L, "score", "breaks rule ((score BETWEEN 0 AND 10) OR (survey != 'nps'))"));
        }
    }
}
