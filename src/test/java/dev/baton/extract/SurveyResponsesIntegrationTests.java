package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * survey_responses: each survey's score range is a contract rule (nps 0-10, csat 1-5, ces 1-7), a score outside its
 * survey's range is quarantined with that range as the reason, respondents land only as keyed hashes, and a landing
 * folder without the file lands nothing rather than failing.
 */
class SurveyResponsesIntegrationTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2024, 4, 1);

    @TempDir
    Path temp;

    @Test
    void aScoreOutsideItsSurveysRangeIsQuarantinedWithTheRangeAsReason() throws Exception {
        // given: 7 rows; R3 (nps 11), R5 (csat 0) and R7 (ces 8) are out of range; R2 (nps 0), R4 (csat 5) and
        // R6 (ces 7) are on the edge of theirs, so a range applied to the wrong survey would show
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id\nA1\n");
        Files.writeString(landing.resolve("survey_responses.csv"),
                "response_id,account_id,respondent_email,survey,score,responded_at,updated_at\n"
                        + "R1,A1,Ann@Example.com,nps,10,2024-01-05T10:00:00Z,2024-01-05T10:00:00Z\n"
                        + "R2,A1,bob@example.org,nps,0,2024-01-06T10:00:00Z,2024-01-06T10:00:00Z\n"
                        + "R3,A1,bob@example.org,nps,11,2024-01-07T10:00:00Z,2024-01-07T10:00:00Z\n"
                        + "R4,A1,bob@example.org,csat,5,2024-01-08T10:00:00Z,2024-01-08T10:00:00Z\n"
                        + "R5,A1,bob@example.org,csat,0,2024-01-09T10:00:00Z,2024-01-09T10:00:00Z\n"
                        + "R6,A1,bob@example.org,ces,7,2024-01-10T10:00:00Z,2024-01-10T10:00:00Z\n"
                        + "R7,A1,bob@example.org,ces,8,2024-01-11T10:00:00Z,2024-01-11T10:00:00Z\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).landing(List.of("accounts", "survey_responses"), landing);

            // then: 7 read = 4 loaded + 3 quarantined
            DeliveryLoader.Delivery surveys = deliveries.stream().filter(d -> d.entity().equals("survey_responses")).findFirst().orElseThrow();
            assertThat(surveys.rowsRead()).isEqualTo(7);
            assertThat(surveys.rowsLoaded()).isEqualTo(4);
            assertThat(surveys.rowsQuarantined()).isEqualTo(3);
            assertThat(fixture.rows("select response_id, survey, score, respondent_email_hash from landed_survey_responses"
                    + " where response_id in ('R1', 'R2') order by response_id"))
                    .extracting(r -> tuple(r.get("response_id"), r.get("survey"), r.get("score"), r.get("respondent_email_hash")))
                    .containsExactly(tuple("R1", "nps", 10, hmac("ann@example.com")), tuple("R2", "nps", 0, hmac("bob@example.org")));
            assertThat(fixture.rows("select response_id from landed_survey_responses order by response_id"))
                    .extracting(r -> r.get("response_id")).containsExactly("R1", "R2", "R4", "R6");
            assertThat(fixture.rows("select line_number, column_name, raw_value, reason from quarantine"
                    + " where entity = 'survey_responses' order by line_number"))
                    .extracting(r -> tuple(r.get("line_number"), r.get("column_name"), r.get("raw_value"), r.get("reason")))
                    .containsExactly(
                            tuple(4L, "score", "11", "breaks rule ((score BETWEEN 0 AND 10) OR (survey != 'nps'))"),
                            tuple(6L, "score", "0", "breaks rule ((score BETWEEN 1 AND 5) OR (survey != 'csat'))"),
                            tuple(8L, "score", "8", "breaks rule ((score BETWEEN 1 AND 7) OR (survey != 'ces'))"));
            assertThat(fixture.rows("select * from quarantine")).extracting(r -> String.valueOf(r.get("raw_value")))
                    .noneMatch(value -> value.contains("@"));
        }
    }

    @Test
    void aResponseForAnUnknownAccountIsQuarantined() throws Exception {
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id\nA1\n");
        Files.writeString(landing.resolve("survey_responses.csv"), "response_id,account_id,survey,score,responded_at\n"
                + "R1,A1,nps,9,2024-01-05T10:00:00Z\nR2,ZZ,nps,9,2024-01-05T10:00:00Z\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            fixture.extraction(1.0).landing(List.of("accounts", "survey_responses"), landing);

            assertThat(fixture.rows("select response_id from landed_survey_responses")).extracting(r -> r.get("response_id"))
                    .containsExactly("R1");
            assertThat(fixture.rows("select line_number, reason from quarantine where entity = 'survey_responses'"))
                    .extracting(r -> tuple(r.get("line_number"), r.get("reason")))
                    .containsExactly(tuple(3L, "unknown account: no accounts row has this account_id"));
        }
    }

    @Test
    void aFolderWithoutSurveyResponsesLandsNoRows() throws Exception {
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id\nA1\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).landing(List.of("accounts", "survey_responses"), landing);

            assertThat(deliveries).extracting(DeliveryLoader.Delivery::entity).containsExactly("accounts");
            assertThat(fixture.rows("select count(*) as n from landed_survey_responses")).extracting(r -> r.get("n")).containsExactly(0L);
        }
    }

    private static String hmac(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ExtractionFixture.HASH_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
