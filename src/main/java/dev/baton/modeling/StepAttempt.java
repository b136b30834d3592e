package dev.baton.modeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.baton.warehouse.SqlIdentifiers;
import dev.baton.warehouse.Transactions;

/**
 * What a models step finds in its build file when it starts: the first attempt, or a restart after an attempt that
 * failed (or was killed) half-way. A restart must not take the rows the failed attempt wrote for last night's: they
 * would compare equal to themselves, {@code model_builds} would say "unchanged", and the publish would link last
 * night's Parquet and the audits skip them. So the first attempt saves, in {@code model_build_steps} of the build file,
 * the {@code model_builds} rows of the published version it starts from, before it forgets them; a restart reads last
 * night's builds from there, and keeps what the failed attempt finished (each model's rows, its build record and its
 * changed accounts were committed together, and were compared with the published version) unless its fingerprint
 * changed since. The publish step drops the table: it is bookkeeping of one build file, never published.
 *
 * @param restarted an earlier attempt of this step started in this build file
 * @param lastNight model to fingerprint of the published version's builds, for this step's models
 * @param finished model to what an earlier attempt recorded for it (fingerprint and change), for this step's models
 * @param lastRunDate the run date the published version built these models for (null: none), which tells the models
 *     valued on the run date which accounts the days in between moved
 */
record StepAttempt(boolean restarted, Map<String, String> lastNight, Map<String, Finished> finished, LocalDate lastRunDate) {

    /** The table that outlives a failed attempt in the build file; the publish step drops it. */
    static final String TABLE = "model_build_steps";

    /** A model an earlier attempt of the step finished. */
    record Finished(String fingerprint, Change change) {
    }

    /**
     * Reads, and on the first attempt saves, what the step starts from. The first attempt saves last night's builds and
     * forgets them in {@code model_builds} and {@code night_changes} in one transaction, so a restart never takes them
     * for its own.
     */
    static StepAttempt begin(Connection connection, List<Model> models) throws SQLException {
        if (models.isEmpty()) {
            return new StepAttempt(false, Map.of(), Map.of(), null);
        }
        StringJoiner names = new StringJoiner(", ");
        models.forEach(model -> names.add(SqlIdentifiers.quoteLiteral(model.name())));
        List<String> modelNames = models.stream().map(Model::name).toList();
        BuildLedger ledger = BuildLedger.on(connection);
        String ofThisStep = " where model in (" + names + ")";
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists main." + TABLE + " (model varchar, fingerprint varchar, run_date date)");
            boolean restarted = !read(connection, "select model, fingerprint from main." + TABLE + ofThisStep).isEmpty();
            if (!restarted) {
                // a row for every model, with or without a published build, marks the step as started
                Transactions.inOne(connection, true, () -> ledger.setAside(modelNames, TABLE));
            }
            Map<String, String> lastNight = read(connection, "select model, fingerprint from main." + TABLE + ofThisStep
                    + " and fingerprint is not null");
            Map<String, Finished> finished = new HashMap<>();
            ledger.builtOf(modelNames).forEach((model, built) -> finished.put(model, new Finished(built.fingerprint(), built.changed())));
            LocalDate lastRunDate;
            try (ResultSet result = statement.executeQuery("select max(run_date) from main." + TABLE + ofThisStep)) {
                result.next();
                lastRunDate = result.getObject(1, LocalDate.class);
            }
            return new StepAttempt(restarted, lastNight, finished, lastRunDate);
        }
    }

    /** Drops the bookkeeping, when the build file is about to be published. */
    static void forget(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists main." + TABLE);
        }
    }

    private static Map<String, String> read(Connection connection, String sql) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2));
            }
        }
        return rows;
    }
}
