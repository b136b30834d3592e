package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.commons.csv.CSVPrinter;

/**
 * Writes each generated row twice over: as the source showed it before the delivery day (the full delivery) and,
 * when the day changed it, as it showed after that day ({@code <entity>_delta.csv}, opened on its first row).
 */
final class DaySink extends CsvSink {

    private final LandingFile file;
    private final AsOfView before;
    private final AsOfView after;
    private final Path deltaDir;
    private final Corrections corrections;
    private CSVPrinter delta;
    private long deltaRows;

    private DaySink(CSVPrinter full, LandingFile file, AsOfView before, AsOfView after, Path deltaDir,
            Corrections corrections) {
        super(full);
        this.file = file;
        this.before = before;
        this.after = after;
        this.deltaDir = deltaDir;
        this.corrections = corrections;
    }

    static DaySink open(Path fullDir, Path deltaDir, LandingFile file, AsOfView before, AsOfView after,
            Corrections corrections) throws IOException {
        return new DaySink(CsvSink.printer(fullDir, file), file, before, after, deltaDir, corrections);
    }

    @Override
    void row(Object... values) throws IOException {
        String[] row = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = values[i].toString();
        }
        String[] was = before.view(file, row);
        String[] is = after.view(file, row);
        if (was != null) {
            super.row((Object[]) was);
        }
        if (was != null && is != null && file == LandingFile.SUBSCRIPTIONS && Arrays.equals(was, is)) {
            is = corrections.apply(is);
        }
        if (is != null && !Arrays.equals(was, is)) {
            if (delta == null) {
                delta = CsvSink.printer(deltaDir.resolve(file.entity() + DayDelivery.DELTA_SUFFIX), file.header());
            }
            delta.printRecord((Object[]) is);
            deltaRows++;
        }
    }

    String entity() {
        return file.entity();
    }

    long deltaRows() {
        return deltaRows;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (delta != null) {
                delta.close(true);
            }
        }
    }
}
