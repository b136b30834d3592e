package dev.baton.generate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Streams the data rows of a canonical landing file the generator wrote (header skipped). */
final class CanonicalCsv {

    interface RowConsumer {
        void accept(String[] row) throws IOException;
    }

    private CanonicalCsv() {
    }

    static void forEach(Path file, RowConsumer consumer) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                consumer.accept(record.values());
            }
        }
    }
}
