package dev.baton.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.warehouse.FileLinks;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The incremental night's landing folder with {@code baton bench --delta resend}: everything delivered before
 * (hard-linked, not copied) plus one {@code <entity>_delta.csv} per entity with about 1% of its rows changed (a
 * newer updated_at, and for subscriptions one more seat, in place). {@code --delta day} delivers a business day
 * instead ({@link dev.baton.generate.DayDelivery}).
 */
public final class DeltaDelivery {

    static final int EVERY_NTH_ROW = 100;
    private static final List<String> CHANGED_ENTITIES = List.of("accounts", "deals", "subscriptions", "tickets");

    private DeltaDelivery() {
    }

    /** Returns the number of changed rows written. */
    public static long write(Path baseLanding, Path nightLanding, LocalDate runDate) throws IOException {
        linkDelivered(baseLanding, nightLanding);
        long changed = 0;
        String updatedAt = runDate + "T01:00:00Z";
        for (String entity : CHANGED_ENTITIES) {
            changed += writeDelta(baseLanding.resolve(entity + ".csv"), nightLanding.resolve(entity + "_delta.csv"), updatedAt);
        }
        return changed;
    }

    /** Puts every file delivered before into the night's landing folder: hard-linked, copied where links fail. */
    public static void linkDelivered(Path baseLanding, Path nightLanding) throws IOException {
        Files.createDirectories(nightLanding);
        try (Stream<Path> files = Files.list(baseLanding)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".csv")).toList()) {
                Path target = nightLanding.resolve(file.getFileName());
                Files.deleteIfExists(target);
                FileLinks.linkOrCopy(file, target);
            }
        }
    }

    private static long writeDelta(Path source, Path delta, String updatedAt) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        long written = 0;
        try (Reader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format);
                Writer writer = Files.newBufferedWriter(delta, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            List<String> header = parser.getHeaderNames();
            printer.printRecord(header);
            long index = 0;
            for (CSVRecord record : parser) {
                if (index++ % EVERY_NTH_ROW != 0) {
                    continue;
                }
                List<String> row = new ArrayList<>(record.toList());
                row.set(header.indexOf("updated_at"), updatedAt);
                int quantity = header.indexOf("quantity");
                if (quantity >= 0 && !row.get(quantity).isEmpty()) {
                    row.set(quantity, String.valueOf(Integer.parseInt(row.get(quantity)) + 1));
                }
                printer.printRecord(row);
                written++;
            }
        }
        return written;
    }
}
