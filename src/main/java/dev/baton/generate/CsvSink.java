package dev.baton.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A buffered, UTF-8, minimally quoted CSV file with its header already written; counts data rows. */
final class CsvSink implements Closeable {

    private final CSVPrinter printer;
    private long rows;

    private CsvSink(CSVPrinter printer) {
        this.printer = printer;
    }

    static CsvSink open(Path dir, LandingFile file) throws IOException {
        return open(dir.resolve(file.fileName()), file.header());
    }

    /** A file outside the landing contract (a vendor export), with the given header. */
    static CsvSink open(Path path, String... header) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(header)
                .setRecordSeparator("\n")
                .get();
        Writer writer = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
        try {
            return new CsvSink(new CSVPrinter(writer, format));
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** Writes one record; callers pass "" (never null) for missing values. */
    void row(Object... values) throws IOException {
        printer.printRecord(values);
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
