package dev.baton.modeling;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import dev.baton.jobs.JobCatalog;
import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.RunWarnings;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.ProjectFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: audits} — runs every audit and records its result with its severity; any error audit returning rows
 * fails the step, which keeps the job from reaching publish; a warn audit returning rows is listed in the run summary.
 */
@Component
class AuditStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(AuditStepKind.class);

    /** The links kind: identities writes before the models; staging views read it beside their landed rows. */
    private static final String IDENTITY_MAP = "identity_map";

    /** Which rows an audit read tonight, as recorded in {@code audit_results.scope}. */
    enum Scope {
        ALL_ROWS("all rows"),
        REBUILT_ROWS("rows rebuilt tonight"),
        UNCHANGED("not run: rows unchanged since the published version passed it");

        final String label;

        Scope(String label) {
            this.label = label;
        }
    }

    private final ProjectFiles projectFiles;
    private final BuildFiles buildFiles;
    /** Lazily: the catalog is made of the step kinds, this one among them. */
    private final ObjectProvider<JobCatalog> jobs;

    AuditStepKind(ProjectFiles projectFiles, BuildFiles buildFiles, ObjectProvider<JobCatalog> jobs) {
        this.projectFiles = projectFiles;
        this.buildFiles = buildFiles;
        this.jobs = jobs;
    }

    @Override
    public String kind() {
        return "audits";
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            ModelCatalog catalog = ModelCatalog.load(projectFiles);
            List<Audit> every = Audit.all(projectFiles, catalog);
            List<Audit> audits = Audit.readingOnly(every, modelsBuiltBy(run.jobName(), catalog));
            if (audits.size() < every.size()) {
                log.info("audits: {} not run, they read models job '{}' does not build", every.size() - audits.size(), run.jobName());
            }
            List<String> failures = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            Map<Scope, Integer> scopes = new EnumMap<>(Scope.class);
            Set<String> passedBefore = passedByTheVersionBuiltOn(run);
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate())) {
                Map<String, BuildLedger.Build> tonightsBuilds = BuildLedger.on(connection).builtOn(run.runDate());
                try (Statement statement = connection.createStatement()) {
                    statement.execute("delete from audit_results");
                }
                for (Audit audit : audits) {
                    Scope scope = scope(audit, passedBefore, tonightsBuilds);
                    scopes.merge(scope, 1, Integer::sum);
                    String sql = scope == Scope.REBUILT_ROWS ? Audit.grainSql(audit.grainOf(), rowsRebuiltTonight(audit.grainOf())) : audit.sql();
                    long failing = scope == Scope.UNCHANGED ? 0 : failingRows(connection, audit, sql);
                    record(connection, run.runDate(), audit, failing, scope);
                    if (failing > 0) {
                        String found = audit.name() + " returned " + failing + " row(s), e.g. " + firstRow(connection, sql);
                        (audit.isWarning() ? warnings : failures).add(found);
                    }
                }
            }
            log.info("audits: {} run ({} of them on the rows rebuilt tonight only, and {} more not run again on rows"
                    + " unchanged since the published version passed them), {} failed, {} warn audit(s) found rows", audits.size() - scopes.getOrDefault(Scope.UNCHANGED, 0),
                    scopes.getOrDefault(Scope.REBUILT_ROWS, 0), scopes.getOrDefault(Scope.UNCHANGED, 0), failures.size(), warnings.size());
            warnings.forEach(warning -> log.warn("warn audit {}", warning));
            RunWarnings.set(chunkContext, warnings.stream().map(warning -> "audit " + warning).toList());
            if (!failures.isEmpty()) {
                throw new IllegalStateException("audit failed, nothing published: " + String.join("; ", failures));
            }
            return RepeatStatus.FINISHED;
        };
    }

    /** The models the job's {@code kind: models} steps build. */
    private Set<String> modelsBuiltBy(String jobName, ModelCatalog catalog) {
        List<String> layers = jobs.getObject().definition(jobName).steps().stream()
                .filter(step -> step.kind().equals("models"))
                .flatMap(step -> step.options(ModelOptions.class).layers().stream())
                .toList();
        Set<String> built = new HashSet<>();
        catalog.inLayers(layers).forEach(model -> built.add(model.name()));
        return built;
    }

    /**
     * A grain audit the published version passed need not read rows tonight's build left as they were: a table or view
     * whose rows did not change passed it already, and one rebuilt for some accounts (or keys) changed only their rows;
     * when its grain key holds the account (or that key), a repeated key lies within them. Written audits, and tables
     * and views rebuilt whole, read all rows.
     */
    private static Scope scope(Audit audit, Set<String> passedBefore, Map<String, BuildLedger.Build> tonightsBuilds) {
        Model model = audit.grainOf();
        if (model == null || !passedBefore.contains(audit.name())) {
            return Scope.ALL_ROWS;
        }
        BuildLedger.Build build = tonightsBuilds.get(model.name());
        if (build == null) {
            return Scope.ALL_ROWS;
        }
        if (build.changed() == Change.NONE) {
            return Scope.UNCHANGED;
        }
        boolean someAccounts = build.changed() == Change.ACCOUNTS;
        boolean byAccount = someAccounts && build.strategy() == BuildStrategy.FOR_ACCOUNTS && model.keyColumns().contains(Model.ACCOUNT);
        // a view by key is read again over its landed rows of those keys, which needs it to read landed rows only
        // (and identity_map, read whole: it holds one row per source account, not per key)
        boolean byKey = someAccounts && build.strategy() == BuildStrategy.FOR_KEYS && model.keyColumns().contains(model.incrementalBy())
                && (!model.isView() || model.dependsOn().stream().allMatch(dependency -> BuildLedger.isLanded(dependency)
                        || dependency.equals(IDENTITY_MAP)));
        return byAccount || byKey ? Scope.REBUILT_ROWS : Scope.ALL_ROWS;
    }

    /**
     * The audits the published version passed when it was built, if tonight's build started as a copy of it (not when
     * a rollback or another job published since); a version published by a job without audits lists none.
     */
    private Set<String> passedByTheVersionBuiltOn(RunParameters run) throws IOException, SQLException {
        if (!buildFiles.startedFromPublished(run.jobName(), run.runDate())) {
            return Set.of();
        }
        try (Connection connection = DuckDbFiles.openReadOnly(buildFiles.layout().publishedFile())) {
            return new HashSet<>(strings(connection, "select audit_name from audit_results where passed"));
        }
    }

    /**
     * The rows the night rebuilt, for the grain audit to read in place of the whole table or view. A view by key is
     * computed again over its landed rows of those keys: a filter on its result would not reach below its window over
     * every landed version.
     */
    private static String rowsRebuiltTonight(Model model) {
        if (!model.perKey()) {
            return "(select * from main." + model.name() + " where " + Model.ACCOUNT + " in (" + BuildLedger.accountsChangedIn(model.name())
                    + ")) as rebuilt_rows";
        }
        String rebuilt = "cast(" + model.incrementalBy() + " as varchar) in (" + BuildLedger.keysChangedIn(model.name()) + ")";
        if (!model.isView()) {
            return "(select * from main." + model.name() + " where " + rebuilt + ") as rebuilt_rows";
        }
        StringJoiner landed = new StringJoiner(",\n", "with ", "\n");
        model.dependsOn().forEach(table -> landed.add(table + " as (select * from main." + table
                + (table.equals(IDENTITY_MAP) ? "" : " where " + rebuilt) + ")"));
        return "(" + landed + "select * from (\n" + model.sql() + "\n) as view_rows) as rebuilt_rows";
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static long failingRows(Connection connection, Audit audit, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from (\n" + sql + "\n) as audit_rows")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new SQLException("audit " + audit.name() + " could not run: " + e.getMessage(), e);
        }
    }

    private static String firstRow(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql + "\nlimit 1")) {
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

    private static void record(Connection connection, LocalDate runDate, Audit audit, long failing, Scope scope) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into audit_results (run_date, audit_name, failing_rows, passed, scope, severity) values (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, audit.name());
            insert.setLong(3, failing);
            insert.setBoolean(4, failing == 0);
            insert.setString(5, scope.label);
            insert.setString(6, audit.severity());
            insert.executeUpdate();
        }
    }
}
