package dev.baton.extract;

import static dev.baton.extract.SparkExtractParityTests.extract;
import static dev.baton.extract.SparkExtractParityTests.files;
import static dev.baton.extract.SparkExtractParityTests.relative;
import static dev.baton.extract.SparkExtractParityTests.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import dev.baton.extract.SparkExtractParityTests.Extracted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose bytes DuckDB and Spark's line reader may split differently (CRLF line ends, blank lines after a quote
 * never closed, no last line break, a byte order mark, bytes that are not UTF-8), extracted by DuckDB and by the Spark
 * extract as in {@link SparkExtractParityTests}: the same rows everywhere, or the file handed back to DuckDB.
 */
class SparkExtractAwkwardFilesTests {

    @TempDir
    static Path temp;

    @Test
    void theSparkExtractGivesTheDuckDbExtractsRows() throws Exception {
        // given: CRLF line ends with a quoted line break (lines 3-4), a stray quote (5) and a short row (6)
        Path landing = Files.createDirectories(temp.resolve("landing-awkward"));
        Files.write(landing.resolve("accounts_crlf.csv"), bytes(String.join("\r\n",
                "account_id,account_name,segment,created_at,updated_at",
                "A30,Rho,smb,2024-01-01,2024-01-01",
                "A31,\"Sigma,smb,2024-01-01,2024-01-01",
                "A32,Tau\",smb,,2024-01-02",
                "A33,\"Nu\"x,smb,2024-01-01,2024-01-01",
                "A34,Short",
                "A35,Upsilon,smb,2024-01-01,2024-01-03", "")));
        // a quote never closed (line 3) in a file that ends in two blank lines
        Files.write(landing.resolve("accounts_unclosed_blank.csv"), bytes("""
                account_id,account_name,segment,created_at,updated_at
                A40,Phi,smb,2024-01-01,2024-01-01
                A41,"Chi,smb,2024-01-01,2024-01-01
                A42,Psi,smb,2024-01-01,2024-01-01


                """));
        // a quote never closed (line 3) in a file whose last line has no line break; and a clean one without it
        Files.write(landing.resolve("accounts_unclosed_last.csv"), bytes("""
                account_id,account_name,segment,created_at,updated_at
                A50,Omega,smb,2024-01-01,2024-01-01
                A51,"Alef,smb,2024-01-01,2024-01-01
                A52,Bet,smb,2024-01-01,2024-01-01"""));
        Files.write(landing.resolve("accounts_no_break.csv"), bytes("""
                account_id,account_name,segment,created_at,updated_at
                A55,Gimel,smb,2024-01-01,2024-01-01"""));
        // a UTF-8 byte order mark before the header
        Files.write(landing.resolve("accounts_bom.csv"), concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bytes("""
                account_id,account_name,segment,created_at,updated_at
                A70,Daleth,smb,2024-01-01,2024-01-01
                """)));
        // Latin-1: "Café" with é as the one byte 0xE9, not UTF-8
        Files.write(landing.resolve("accounts_latin1.csv"), concat(bytes("""
                account_id,account_name,segment,created_at,updated_at
                A60,Caf"""), new byte[] {(byte) 0xe9}, bytes("""
                ,smb,2024-01-01,2024-01-01
                A61,He,smb,2024-01-01,2024-01-01
                """)));

        // when
        Extracted onDuckDb = extract(temp, landing, "duckdb-awkward", null);
        Extracted onSpark = extract(temp, landing, "spark-awkward", new SparkDeliveryEngine());

        // then
        assertThat(onSpark.quarantine()).isEqualTo(onDuckDb.quarantine());
        assertThat(onSpark.reconciliation()).isEqualTo(onDuckDb.reconciliation());
        assertThat(onSpark.ledger()).isEqualTo(onDuckDb.ledger());
        assertThat(onSpark.landed()).isEqualTo(onDuckDb.landed());
        // by hand: A30, A35; A40; A50; A55; A70 and A61 (the Latin-1 line aside) land, with no \r in any value
        assertThat(onSpark.landed().get("accounts")).hasSize(7).noneMatch(row -> row.contains("\r"))
                .anyMatch(row -> row.startsWith("A35 | Upsilon | smb |"))
                .anyMatch(row -> row.startsWith("A70 | Daleth | smb |"));
        String merged = "line break inside the quoted value of account_name, which is not free text: lines 3-4 were read"
                + " as one record (a stray quote?)";
        assertThat(onSpark.quarantine()).filteredOn(row -> row.contains("accounts_crlf.csv")).containsExactly(
                "accounts | accounts_crlf.csv | 3 | account_name | null | " + merged,
                "accounts | accounts_crlf.csv | 4 | account_name | null | " + merged,
                "accounts | accounts_crlf.csv | 5 | account_name | A33,\"Nu\"x,smb,2024-01-01,2024-01-01 | stray quote: a value"
                        + " is not properly quoted",
                "accounts | accounts_crlf.csv | 6 | segment | A34,Short | short row: fewer columns than the header");
        // the blank lines after an unclosed quote are inside its value: lines 3-6, four records
        assertThat(onSpark.reconciliation()).anyMatch(row -> row.startsWith("accounts | accounts_unclosed_blank.csv | 5 | 1 | 0 | 0 | 4 |"))
                .anyMatch(row -> row.startsWith("accounts | accounts_unclosed_last.csv | 3 | 1 | 0 | 0 | 2 |"))
                .anyMatch(row -> row.startsWith("accounts | accounts_latin1.csv | 2 | 1 | 0 | 0 | 1 |"));
        assertThat(onSpark.quarantine()).filteredOn(row -> row.contains("accounts_unclosed_last.csv")).containsExactly(
                "accounts | accounts_unclosed_last.csv | 3 | account_name | A51,\"Alef,smb,2024-01-01,2024-01-01 | unclosed quote:"
                        + " the quoted value opened on line 3 does not close before line 4, so those lines were read as one record",
                "accounts | accounts_unclosed_last.csv | 4 | account_name | null | unclosed quote: the quoted value opened on"
                        + " line 3 does not close before line 4, so those lines were read as one record");
        assertThat(onSpark.quarantine()).filteredOn(row -> row.contains("accounts_latin1.csv")).singleElement().asString()
                .startsWith("accounts | accounts_latin1.csv | 2 |").endsWith("wrong encoding: bytes that are not the file's declared encoding");

        // the raw archive: the merged record keeps the file's \r\n inside its value, as DuckDB's does
        Path duckDbRaw = temp.resolve("duckdb-awkward").resolve("raw");
        Path sparkRaw = temp.resolve("spark-awkward").resolve("raw");
        List<Path> duckDbFiles = files(duckDbRaw);
        List<Path> sparkFiles = files(sparkRaw);
        assertThat(relative(sparkRaw, sparkFiles)).isEqualTo(relative(duckDbRaw, duckDbFiles)).hasSize(6);
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            for (int i = 0; i < duckDbFiles.size(); i++) {
                String query = "select * from read_parquet('%s') order by _line_number";
                assertThat(rows(connection, query.formatted(sparkFiles.get(i)))).as(sparkFiles.get(i).toString())
                        .isEqualTo(rows(connection, query.formatted(duckDbFiles.get(i))));
            }
            Path crlf = sparkFiles.stream().filter(file -> file.getFileName().toString().startsWith("accounts_crlf")).findFirst()
                    .orElseThrow();
            assertThat(rows(connection, "select account_name from read_parquet('" + crlf + "') where _line_number = 3"))
                    .containsExactly("Sigma,smb,2024-01-01,2024-01-01\r\nA32,Tau");
        }

        // the CSV files went through Spark; the Latin-1 one was handed back to DuckDB
        Path extracted = temp.resolve("spark-awkward").resolve("spark-extract").resolve("accounts");
        for (String file : List.of("accounts_crlf.csv", "accounts_unclosed_blank.csv", "accounts_unclosed_last.csv",
                "accounts_no_break.csv", "accounts_bom.csv")) {
            assertThat(files(extracted.resolve(file).resolve("typed"))).as(file).isNotEmpty();
        }
        assertThat(extracted.resolve("accounts_latin1.csv").resolve("typed")).doesNotExist();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
