package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, realistic set of landing CSV files (accounts, deals, subscriptions, tickets,
 * hand-offs, spend, fx rates, survey responses) for a SaaS business observed over {@code months} months from {@code start}.
 *
 * <p>Each account is simulated on its own random stream derived from the seed and its index, then written
 * right away, so memory stays flat however many accounts are generated, and the output is byte-identical
 * for a given seed. Ids are assigned in write order, so every file is ordered by its id.
 */
public final class LandingGenerator {

    /** Account creation accelerates over the window: the share created by fraction x of it is x^1.25. */
    static final double GROWTH_EXPONENT = 1.25;

    private final long seed;
    private final int accounts;
    private final Window window;

    public LandingGenerator(long seed, int accounts, YearMonth start, int months) {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be at least 1, was " + accounts);
        }
        if (months < 1) {
            throw new IllegalArgumentException("months must be at least 1, was " + months);
        }
        this.seed = seed;
        this.accounts = accounts;
        this.window = Window.of(Objects.requireNonNull(start, "start"), months);
    }

    /** Writes the eight landing files into {@code outDir} (created if needed), replacing existing ones. */
    public GenerationSummary writeTo(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        return write(file -> CsvSink.open(outDir, file));
    }

    /** Where each landing file's rows go ({@link DayDelivery} sees them before they are written). */
    interface Sinks {
        CsvSink open(LandingFile file) throws IOException;
    }

    LocalDate windowEnd() {
        return window.end();
    }

    GenerationSummary write(Sinks sinks) throws IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (CsvSink accountSink = sinks.open(LandingFile.ACCOUNTS);
                CsvSink dealSink = sinks.open(LandingFile.DEALS);
                CsvSink subscriptionSink = sinks.open(LandingFile.SUBSCRIPTIONS);
                CsvSink ticketSink = sinks.open(LandingFile.TICKETS);
                CsvSink handoffSink = sinks.open(LandingFile.HANDOFFS);
                CsvSink spendSink = sinks.open(LandingFile.SPEND);
                CsvSink fxSink = sinks.open(LandingFile.FX_RATES);
                CsvSink surveySink = sinks.open(LandingFile.SURVEY_RESPONSES)) {
            EntityWriter writer = new EntityWriter(window, accountSink, dealSink, subscriptionSink, ticketSink,
                    handoffSink);
            // why: counted here, not by the sink, so a sink that leaves rows out (DaySink) keeps the same ids
            long surveySeq = 0;
            for (int i = 0; i < accounts; i++) {
                SplittableRandom r = Rand.stream(seed, i);
                AccountProfile account = AccountFactory.create(i + 1L, createdAt(i, r), r);
                Lifecycle life = Lifecycle.simulate(account, window, r);
                List<DealRow> deals = life.deals();
                List<TicketRow> tickets = TicketGenerator.generate(account, life, window, r);
                writer.write(account, life.rows(), deals, tickets, r);
                // why: surveys draw from their own stream (keys -3, -4, ... next to reference data's -1 and -2), so
                // adding them left every other file byte-identical for a given seed
                for (SurveyRow survey : SurveyGenerator.generate(account, life, tickets, window, Rand.stream(seed, -3L - i))) {
                    surveySink.row(Fmt.id('R', ++surveySeq, 6), account.id(), survey.respondentEmail(),
                            survey.survey(), Integer.toString(survey.score()), Fmt.timestamp(survey.respondedSec()),
                            Fmt.timestamp(survey.respondedSec()));
                }
            }
            ReferenceData.writeSpend(spendSink, window, accounts, Rand.stream(seed, -1));
            ReferenceData.writeFx(fxSink, window, Rand.stream(seed, -2));
            rows.put(LandingFile.ACCOUNTS.entity(), accountSink.rows());
            rows.put(LandingFile.DEALS.entity(), dealSink.rows());
            rows.put(LandingFile.SUBSCRIPTIONS.entity(), subscriptionSink.rows());
            rows.put(LandingFile.TICKETS.entity(), ticketSink.rows());
            rows.put(LandingFile.HANDOFFS.entity(), handoffSink.rows());
            rows.put(LandingFile.SPEND.entity(), spendSink.rows());
            rows.put(LandingFile.FX_RATES.entity(), fxSink.rows());
            rows.put(LandingFile.SURVEY_RESPONSES.entity(), surveySink.rows());
        }
        return new GenerationSummary(rows);
    }

    /**
     * Creation times rise with the account index: account i falls in stratum i of the growth curve, so ids
     * follow creation order. The last two days of the window are left for the first deal to close.
     */
    private long createdAt(int index, SplittableRandom r) {
        long span = window.endSec() - window.startSec() - 2 * Window.DAY;
        double position = Math.pow((index + r.nextDouble()) / accounts, 1.0 / GROWTH_EXPONENT);
        long created = window.startSec() + (long) (position * span);
        return created - Math.floorMod(created, 60L);
    }
}
