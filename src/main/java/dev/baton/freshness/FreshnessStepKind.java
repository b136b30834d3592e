package dev.baton.freshness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.RunWarnings;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BuildFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: freshness} — after the extract, before the models: compares each fact feed's newest date with the run
 * date, so a stale export is never published as the run month's actuals. A billing feed older than
 * {@code baton.freshness.max-age} fails the night with one line saying how to fix it; another stale feed is a warning.
 * Each feed's newest date is kept in {@code feed_freshness} for {@code baton status}. A feed without rows is not checked.
 */
@Component
class FreshnessStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(FreshnessStepKind.class);

    private final BuildFiles buildFiles;
    private final FreshnessProperties properties;

    FreshnessStepKind(BuildFiles buildFiles, FreshnessProperties properties) {
        this.buildFiles = buildFiles;
        this.properties = properties;
    }

    @Override
    public String kind() {
        return "freshness";
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            Optional<Period> limit = properties.limit();
            List<String> warnings = new ArrayList<>();
            String failure = null;
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("delete from feed_freshness");
                }
                for (Feed feed : Feed.FACTS) {
                    LocalDate newest = newest(connection, feed, run.runDate());
                    boolean stale = newest != null && limit.isPresent() && newest.plus(limit.get()).isBefore(run.runDate());
                    record(connection, run.runDate(), feed, newest, stale);
                    log.info("freshness: {} newest {} (run date {}, max age {})", feed.entity(), newest == null ? "-" : newest,
                            run.runDate(), limit.map(Period::toString).orElse("off"));
                    if (!stale) {
                        continue;
                    }
                    String found = feed.entity() + " feed's newest date is " + newest + ", " + ChronoUnit.DAYS.between(newest, run.runDate())
                            + " days before the run date " + run.runDate() + " (" + FreshnessProperties.SETTING + " " + limit.get() + ")";
                    if (feed.billing() && failure == null) {
                        failure = found + ": nothing published; run for the date the data covers with --run-date " + newest
                                + ", or set -D" + FreshnessProperties.SETTING + "=off (or a longer period)";
                    } else {
                        warnings.add(found);
                    }
                }
            }
            warnings.forEach(warning -> log.warn("stale feed: {}", warning));
            RunWarnings.set(chunkContext, warnings);
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return RepeatStatus.FINISHED;
        };
    }

    private static LocalDate newest(Connection connection, Feed feed, LocalDate runDate) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(feed.newestSql())) {
            for (int i = 1; i <= feed.dates().size(); i++) {
                query.setObject(i, runDate);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getObject(1, LocalDate.class) : null;
            }
        }
    }

    private static void record(Connection connection, LocalDate runDate, Feed feed, LocalDate newest, boolean stale) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into feed_freshness (run_date, entity, newest_date, stale) values (?, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, feed.entity());
            if (newest == null) {
                insert.setNull(3, Types.DATE);
            } else {
                insert.setObject(3, newest);
            }
            insert.setBoolean(4, stale);
            insert.executeUpdate();
        }
    }
}
