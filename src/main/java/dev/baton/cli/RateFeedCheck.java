package dev.baton.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The fx_rates feed gives each currency's rate to the reporting currency, so it never lists the reporting currency
 * itself (but at rate 1). A feed that does list it quotes to some other currency: every amount would be converted wrongly or
 * quarantined, so the run is refused before it starts. Reads the landing folder's fx_rates*.csv files only (the
 * feed is small); JSON Lines and Parquet feeds are checked by the extract's currency rule as before.
 */
final class RateFeedCheck {

    private RateFeedCheck() {
    }

    static void check(Path landing, String reportingCurrency) {
        if (landing == null || !Files.isDirectory(landing)) {
            return;
        }
        for (Path feed : feeds(landing)) {
            try (Reader reader = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
                CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(firstLine(feed))).setHeader()
                        .setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setTrim(true).get();
                for (CSVRecord row : format.parse(reader)) {
                    if (!row.isMapped("currency") || !row.isSet("currency")) {
                        break;
                    }
                    if (reportingCurrency.equalsIgnoreCase(row.get("currency")) && !isOne(row)) {
                        throw new IllegalArgumentException("no rate feed quotes to the reporting currency " + reportingCurrency
                                + ": " + feed.getFileName() + " line " + (row.getRecordNumber() + 1) + " gives a rate for "
                                + reportingCurrency + " itself, so its rates are to another currency; set "
                                + "baton.metrics.reporting-currency to that one or deliver rates to " + reportingCurrency);
                    }
                }
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                // A feed unreadable here is unreadable at extract too, which names the file and line.
            }
        }
    }

    /** A rate of exactly 1 for the reporting currency itself is harmless: some feeds list their base that way. */
    private static boolean isOne(CSVRecord row) {
        try {
            return row.isMapped("rate_to_reporting") && new BigDecimal(row.get("rate_to_reporting")).compareTo(BigDecimal.ONE) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? "" : line;
        }
    }

    private static List<Path> feeds(Path landing) {
        try (Stream<Path> files = Files.list(landing)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.startsWith("fx_rates") && name.endsWith(".csv");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The landing contract allows , ; TAB and | as delimiters: the one the header line has most of. */
    private static char delimiter(String header) {
        char best = ',';
        long most = -1;
        for (char candidate : new char[] {',', ';', '\t', '|'}) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > most) {
                most = count;
                best = candidate;
            }
        }
        return best;
    }
}
