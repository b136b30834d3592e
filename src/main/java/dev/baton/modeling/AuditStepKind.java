package dev.baton.modeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.ProjectFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: audits} — runs every audit and records its result; any audit returning rows fails the step,
 * which keeps the job from reaching publish.
 */
@Component
class AuditStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(AuditStepKind.class);

    private final ProjectFiles projectFiles;
    private final BuildFiles buildFiles;

    AuditStepKind(ProjectFiles projectFiles, BuildFiles buildFiles) {
        this.projectFiles = projectFiles;
        this.buildFiles = buildFiles;
    }

    @Override
    public String kind() {
        return "audits";
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            List<Audit> audits = Audit.all(projectFiles, ModelCatalog.load(projectFiles));
            List<String> failures = new ArrayList<>();
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("delete from audit_results");
                }
                for (Audit audit : audits) {
                    long failing = failingRows(connection, audit);
                    record(connection, run.runDate(), audit, failing);
                    if (failing > 0) {
                        failures.add(audit.name() + " returned " + failing + " row(s), e.g. " + firstRow(connection, audit));
                    }
                }
            }
            log.info("audits: {} run, {} failed", audits.size(), failures.size());
            if (!failures.isEmpty()) {
                throw new IllegalStateException("audit failed, nothing published: " + String.join("; ", failures));
            }
            return RepeatStatus.FINISHED;
        };
    }

    private static long failingRows(Connection connection, Audit audit) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from (\n" + audit.sql() + "\n) as audit_rows")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new SQLException("audit " + audit.name() + " could not run: " + e.getMessage(), e);
        }
    }

    private static String firstRow(Connection connection, Audit audit) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(audit.sql() + "\nlimit 1")) {
            ResultSetMetaData metaData = rows.getMetaData();
            StringJoiner row = new StringJoiner(", ", "{", "}");
            if (rows.next()) {
                for (int i = 1; i <= metaData.getColumnCount(); i++) {
                    row.add(metaData.getColumnName(i) + "=" + rows.getString(i));
                }
            }
            return row.toString();
        }
    }

    private static void record(Connection connection, LocalDate runDate, Audit audit, long failing) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_results values (?, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, audit.name());
            insert.setLong(3, failing);
            insert.setBoolean(4, failing == 0);
            insert.executeUpdate();
        }
    }
}
