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

/**
 * A buffered, UTF-8, minimally quoted CSV file with its header already written; counts data rows. Open for
 * extension only so that {@link DaySink} can see every row the generator writes.
 */
class CsvSink implements Closeable {

    private final CSVPrinter printer;
    private long rows;

    CsvSink(CSVPrinter printer) {
        this.printer = printer;
    }

    static CsvSink open(Path dir, LandingFile file) throws IOException {
        return new CsvSink(printer(dir, file));
    }

    /** A file outside the landing contract (a vendor export), with the given header. */
    static CsvSink open(Path path, String... header) throws IOException {
        return new CsvSink(printer(path, header));
    }

    /** A printer on {@code dir/<entity>.csv} that has written the file's header. */
    static CSVPrinter printer(Path dir, LandingFile file) throws IOException {
        return printer(dir.resolve(file.fileName()), file.header());
    }

    static CSVPrinter printer(Path path, String[] header) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(header)
                .setRecordSeparator("\n")
                .get();
        Writer writer = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
        try {
            return new CSVPrinter(writer, format);
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
