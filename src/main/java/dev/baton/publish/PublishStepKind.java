package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.StepKind;
import dev.baton.modeling.BuildLedger;
import dev.baton.modeling.ColumnDescriptions;
import dev.baton.modeling.LakeTables;
import dev.baton.modeling.LakeTables.LakeTable;
import dev.baton.modeling.ModelCatalog;
import dev.baton.modeling.ModelCatalog.Definition;
import dev.baton.publish.ParquetExport.TableEntry;
import dev.baton.publish.PublishedVersions.Version;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.FileLinks;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.SqlIdentifiers;
import dev.baton.warehouse.WarehouseLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: publish} — turns the finished build file into a new published version: Parquet copies of the
 * tables of {@code with.parquet} (Hive-partitioned for {@code with.partition_by}), a manifest, a
 * {@code reporting.duckdb} of views (over the Parquet files, plus the views of {@code with.reporting}), then
 * one atomic rename of {@code current} points {@code warehouse.duckdb}, {@code parquet} and {@code reporting.duckdb}
 * at it ({@link PublishedNames}). A restart after the switch finds its version by the run it records. Nothing
 * a reader has open is written to, so readers keep their snapshot and are never blocked; a run that fails before
 * the renames leaves the published warehouse as it was. The last {@code baton.publish.keep-versions} versions
 * are kept for {@code baton publish --rollback}. A night older than the published one (a backfill) is exported and
 * kept as a version but not switched to unless the run says {@code --publish-older}: a backfill must not move
 * readers back in time.
 */
@Component
class PublishStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(PublishStepKind.class);
    /** Read by the job runner onto the run's one-line summary. */
    private static final String SUMMARY_NOTE = "baton.summary-note";

    private final ProjectFiles projectFiles;
    private final BuildFiles buildFiles;
    private final DuckDbFiles duckDb;
    private final PublishProperties settings;

    PublishStepKind(ProjectFiles projectFiles, BuildFiles buildFiles, DuckDbFiles duckDb, PublishProperties settings) {
        this.projectFiles = projectFiles;
        this.buildFiles = buildFiles;
        this.duckDb = duckDb;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "publish";
    }

    @Override
    public Class<?> optionsType() {
        return PublishOptions.class;
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        PublishOptions options = step.options(PublishOptions.class);
        List<String> parquetLayers = options.parquet();
        List<String> reportingLayers = options.reporting();
        Map<String, String> partitionBy = new LinkedHashMap<>();
        options.partitionBy().forEach((table, column) -> partitionBy.put(SqlIdentifiers.require(table),
                SqlIdentifiers.require(column)));
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            WarehouseLayout layout = buildFiles.layout();
            PublishedVersions versions = new PublishedVersions(layout);
            Path buildFile = layout.buildFile(run.jobName(), run.runDate());
            ModelCatalog models = ModelCatalog.load(projectFiles);
            List<String> tables = models.tablesInLayers(parquetLayers);
            if (!tables.containsAll(partitionBy.keySet())) {
                throw new IllegalStateException("step '" + step.name() + "': with.partition_by names tables that are not exported: "
                        + partitionBy.keySet().stream().filter(table -> !tables.contains(table)).toList());
            }
            Map<String, String> partitions = PartitionedExport.partitionColumns(partitionBy, models, parquetLayers);
            List<String> notExported = ColumnDescriptions.load(projectFiles, models).notExported().stream()
                    .filter(tables::contains).toList();
            // Held until the old versions are pruned, so a rollback never interleaves with this publish.
            try (PublishLock lock = PublishLock.acquire(layout, "job '" + run.jobName() + "' publishing run date " + run.runDate(),
                    Duration.ofMinutes(1))) {
                Optional<Version> done = versions.publishedBy(runOf(run));
                if (done.isPresent()) {
                    finishPublished(run, versions, done.get(), contribution);
                } else {
                    publish(run, layout, versions, buildFile, models, tables, partitions, notExported, reportingLayers, contribution);
                }
            }
            return RepeatStatus.FINISHED;
        };
    }

    /** The run a version came from, written into it; a restarted publish step finds its own version by it. */
    static String runOf(RunParameters run) {
        return "job " + run.jobName() + " run date " + run.runDate() + " attempt " + run.attempt();
    }

    /**
     * The process died after this run's version was switched to but before the step was recorded: the publish
     * happened. What came after the switch is done again (each part is idempotent); a version rolled back from since
     * is left rolled back.
     */
    private void finishPublished(RunParameters run, PublishedVersions versions, Version version, StepContribution contribution)
            throws IOException {
        boolean isCurrent = versions.current().filter(version::equals).isPresent();
        if (isCurrent) {
            versions.switchTo(version);
        } else if (!versions.wasPublished(version)) {
            versions.current().ifPresent(current -> note(contribution, heldBack(run, current, version)));
        }
        buildFiles.remove(run.jobName(), run.runDate());
        List<Version> removed = versions.prune(settings.keepVersions());
        log.info("run date {} was already published as version {} by this run, whose process died before recording it;"
                + " finished ({}; {} old versions removed)", run.runDate(), version.name(),
                isCurrent ? "still current" : versions.wasPublished(version) ? "rolled back from since, left so" : "kept, not published",
                removed.size());
    }

    private void publish(RunParameters run, WarehouseLayout layout, PublishedVersions versions, Path buildFile, ModelCatalog models,
            List<String> tables, Map<String, String> partitionBy, List<String> notExported, List<String> reportingLayers,
            StepContribution contribution) throws Exception {
        List<String> debris = versions.removeDebris();
        if (!debris.isEmpty()) {
            log.warn("removed what earlier publishes that died left in {}: {}", layout.root().resolve("versions"), debris);
        }
        Path incoming = versions.prepare(run.runDate());
        Path parquet = incoming.resolve(PublishedVersions.PARQUET);
        List<TableEntry> exported = new ArrayList<>();
        List<String> reportingViews;
        List<String> comments;
        Optional<Version> last = versions.current();
        Optional<Version> newer = last.filter(published -> published.runDate().isAfter(run.runDate()) && !run.publishOlder());
        // another job's publish or a rollback since the build began: its unchanged tables are not this version's
        boolean builtOnLast = last.isPresent() && buildFiles.startedFromPublished(run.jobName(), run.runDate());
        Map<String, TableEntry> lastExport = builtOnLast ? exportedTables(last.get()) : Map.of();
        int linked = 0;
        List<LakeTable> linkedFromLake = new ArrayList<>();
        List<String> lakeComments;
        try (Connection connection = buildFiles.open(run.jobName(), run.runDate());
                Statement statement = connection.createStatement()) {
            Set<String> unchanged = BuildLedger.on(connection).unchangedModels(run.runDate());
            Map<String, LakeTable> lake = new HashMap<>();
            LakeTables.read(connection).forEach(table -> lake.put(table.table(), table));
            for (String table : tables) {
                String partitionColumn = ParquetExport.partitionColumn(partitionBy, table);
                TableEntry lastEntry = lastExport.get(table);
                TableEntry entry = null;
                LakeTable inLake = lake.get(table);
                // parquet: false: stays in warehouse.duckdb only; an engine's lake table is linked all the same (its
                // view in warehouse.duckdb must not point at the night's work folder)
                if (inLake == null && notExported.contains(table)) {
                    continue;
                }
                // laid out otherwise than this step exports it (another partition column): exported from its view
                if (inLake != null && Objects.equals(inLake.partitionedBy(), partitionColumn)) {
                    entry = LakeLinks.link(connection, inLake, parquet);
                    linkedFromLake.add(inLake);
                } else if (unchanged.contains(table) && lastEntry != null && Objects.equals(lastEntry.partitionedBy(), partitionColumn)
                        && lastEntry.rows() == ParquetExport.count(connection, table)) {
                    entry = ParquetExport.reuse(lastEntry, last.get().parquet(), parquet);
                }
                if (entry == null) {
                    entry = ParquetExport.export(connection, table, partitionColumn, parquet, lastEntry,
                            last.map(Version::parquet).orElse(null));
                } else if (inLake == null) {
                    linked++;
                }
                exported.add(entry);
                contribution.incrementWriteCount(1);
            }
            // the views of those layers, and the bi models stored as tables (a core or mart table is there only over Parquet)
            List<Definition> reported = models.definitionsInLayers(reportingLayers).stream()
                    .filter(model -> model.isView() || model.layer().equals("bi") && !tables.contains(model.name())).toList();
            reportingViews = viewStatements(connection, reported);
            // only what reporting.duckdb has a view of: a parquet: false table keeps the comments the models step wrote
            comments = PublishedComments.write(connection, projectFiles, models, exported.stream().map(TableEntry::table).toList(),
                    reported.stream().map(Definition::name).toList());
            lakeComments = PublishedComments.of(connection, linkedFromLake.stream().map(LakeTable::table).toList());
            BuildLedger.on(connection).forgetAttempts();
            // Everything into the main file before it is linked: a .wal left behind would not travel with it.
            statement.execute("checkpoint");
        }
        buildFiles.release(run.jobName(), run.runDate());
        if (Files.exists(Path.of(buildFile + ".wal"))) {
            throw new IllegalStateException("build file " + buildFile + " still has a .wal after checkpoint; not publishing");
        }
        // the build file is closed and never written again, so the version may share its bytes
        FileLinks.linkOrCopy(buildFile, incoming.resolve(PublishedVersions.DATABASE));
        Files.writeString(incoming.resolve(PublishedVersions.RUN), runOf(run) + "\n");
        Version version = versions.commit(incoming, run.runDate());
        CrashPoint.reached("after-version-renamed");
        if (!linkedFromLake.isEmpty()) {
            LakeLinks.repoint(duckDb, version.database(), version.parquet(), linkedFromLake, lakeComments);
        }
        new Manifest(version.name(), run.runDate(), Instant.now(), exported,
                notExported.stream().filter(table -> exported.stream().noneMatch(entry -> entry.table().equals(table))).toList())
                .writeTo(version.parquet());
        ReportingCatalog.build(duckDb, version.folder(), exported, reportingViews, comments);
        if (newer.isPresent()) {
            keep(run, versions, version, newer.get(), contribution);
            return;
        }
        versions.switchTo(version);
        CrashPoint.reached("after-switch");
        buildFiles.remove(run.jobName(), run.runDate());
        CrashPoint.reached("after-build-file-removed");
        List<Version> removed = versions.prune(settings.keepVersions());
        log.info("published {} as version {} for run date {} ({} Parquet tables, {} of them unchanged and linked from version {},"
                + " {} linked from the lake; {} old versions removed)", layout.publishedFile(), version.name(), run.runDate(),
                exported.size(), linked, last.map(Version::name).orElse("-"), linkedFromLake.size(), removed.size());
    }

    /** The older night's version stays under versions/, complete, while the published names keep the newer night. */
    private void keep(RunParameters run, PublishedVersions versions, Version version, Version published, StepContribution contribution)
            throws IOException {
        versions.keep(version);
        buildFiles.remove(run.jobName(), run.runDate());
        List<Version> removed = versions.prune(settings.keepVersions());
        String note = heldBack(run, published, version);
        note(contribution, note);
        log.info("{} ({} old versions removed)", note, removed.size());
    }

    private static String heldBack(RunParameters run, Version published, Version kept) {
        return "run date " + run.runDate() + " is older than the published " + published.runDate() + ": kept as version "
                + kept.name() + ", not published; run it again with --rerun --publish-older to publish it";
    }

    private static void note(StepContribution contribution, String note) {
        contribution.getStepExecution().getExecutionContext().putString(SUMMARY_NOTE, note);
    }

    /** What the published version exported, by table; nothing when its manifest cannot be read. */
    private static Map<String, TableEntry> exportedTables(Version version) {
        try {
            Map<String, TableEntry> tables = new HashMap<>();
            Manifest.read(version.parquet()).tables().forEach(table -> tables.put(table.table(), table));
            return tables;
        } catch (IOException | RuntimeException e) {
            log.warn("could not read the manifest of version {}; every table is exported again: {}", version.name(), e.getMessage());
            return Map.of();
        }
    }

    /**
     * The CREATE VIEW statements DuckDB keeps for these views, to recreate them in the reporting catalog; a bi model
     * materialised as a table (not exported to Parquet) becomes a view of its SQL there, so the catalog still holds
     * no data and a dashboard connected to it reads the same rows under the same name.
     */
    private static List<String> viewStatements(Connection connection, List<Definition> models) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select sql from duckdb_views() where schema_name = 'main' and view_name = ?")) {
            for (Definition model : models) {
                String view = SqlIdentifiers.require(model.name());
                if (!model.isView()) {
                    statements.add("create view " + view + " as\n" + model.sql());
                    continue;
                }
                query.setString(1, view);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("view " + view + " is not in the build file; was its layer built?");
                    }
                    statements.add(rows.getString(1));
                }
            }
        }
        return statements;
    }
}
