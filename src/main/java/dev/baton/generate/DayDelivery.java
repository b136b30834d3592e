package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two deliveries from one generation: everything the sources showed before {@code day} (the full delivery, one
 * file per entity) and what {@code day} brought, as the next night receives it ({@code <entity>_delta.csv}): new
 * accounts, deals, tickets, hand-offs and survey answers; tickets answered or solved; deals moving stage or
 * closing; subscription periods beginning (renewals into new terms, upgrades, resumes) or ending (cancellations
 * at period end, plan changes); and a few back-dated seat corrections ({@link Corrections}). Both are views of the
 * same simulation ({@link AsOfView}), so the delta is exactly the generator one day further.
 *
 * @param full rows of the full delivery per entity
 * @param deltaRowsPerEntity changed or new rows per entity in the day's delta files (entities with none left out)
 * @param corrections back-dated corrections among the delta's subscription rows
 */
public record DayDelivery(GenerationSummary full, Map<String, Long> deltaRowsPerEntity, long corrections) {

    public static final String DELTA_SUFFIX = "_delta.csv";

    /**
     * Writes the full delivery as of the start of {@code day} into {@code fullDir} and the day's changes into
     * {@code deltaDir} (both created if needed). {@code day} must lie inside the generator's window.
     */
    public static DayDelivery write(LandingGenerator generator, LocalDate day, Path fullDir, Path deltaDir,
            boolean corrections) throws IOException {
        if (!day.isBefore(generator.windowEnd())) {
            throw new IllegalArgumentException("the delivery day " + day + " is after the generated window (ends "
                    + generator.windowEnd() + ")");
        }
        Files.createDirectories(fullDir);
        Files.createDirectories(deltaDir);
        AsOfView before = new AsOfView(day);
        AsOfView after = new AsOfView(day.plusDays(1));
        Corrections corrected = new Corrections(day, corrections);
        List<DaySink> sinks = new ArrayList<>();
        GenerationSummary full = generator.write(file -> {
            DaySink sink = DaySink.open(fullDir, deltaDir, file, before, after, corrected);
            sinks.add(sink);
            return sink;
        });
        Map<String, Long> delta = new LinkedHashMap<>();
        for (DaySink sink : sinks) {
            if (sink.deltaRows() > 0) {
                delta.put(sink.entity(), sink.deltaRows());
            }
        }
        return new DayDelivery(full, delta, corrected.applied());
    }

    public long deltaRows() {
        return deltaRowsPerEntity.values().stream().mapToLong(Long::longValue).sum();
    }
}
