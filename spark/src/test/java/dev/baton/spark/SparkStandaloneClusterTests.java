package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.BatonCli;
import dev.baton.extract.SparkDeliveryEngine;
import dev.baton.generate.LandingGenerator;
import dev.baton.modeling.ModelCatalog;
import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole night on a Spark standalone cluster of separate JVMs: a master and two workers on loopback
 * ({@link StandaloneCluster}), {@code target/baton-spark.jar} submitted to it by spark-submit in client mode, as a
 * user with a cluster would, with {@code baton.engine=spark} alone: the landing CSV files are checked on Spark too.
 * The same landing (with bad rows of five kinds in three files) goes through the nightly job on DuckDB in this JVM;
 * every published model, the quarantine and the reconciliation must be the same, row for row.
 *
 * <p>Runs after {@code package} (the spark module's surefire execution {@code standalone-cluster}), since it submits
 * the jar the build ships. Alone: {@code mvn -B -f pom.xml -pl spark -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (that execution names this class itself).
 */
class SparkStandaloneClusterTests {

    static final String RUN_DATE = "2024-12-31";
    static final Path JAR = Path.of("spark", "target", "baton-spark.jar");
    /** 250 in CI; larger only to measure (docs/spark.md), by -Dbaton.test.cluster-accounts on the surefire JVM. */
    static final int ACCOUNTS = Integer.getInteger("baton.test.cluster-accounts", 250);

    @TempDir
    static Path workspace;

    static StandaloneCluster cluster;
    static Path onDuckDb;
    static Path onCluster;
    static Path driverOutput;
    static String applicationId;
    static List<JsonNode> events;
    static final ModelCatalog catalog = ModelCatalog.load(new ProjectFiles(BothEngines.PROJECT));

    @BeforeAll
    static void runOneNightOnDuckDbAndOnTheCluster() throws Exception {
        assertThat(JAR).as("the jar spark-submit ships; built by `mvn package` before this test runs").isRegularFile();
        // given generated accounts (250) over two years, and bad rows: three tickets, a subscription, an account
        Path landing = workspace.resolve("landing");
        new LandingGenerator(11, ACCOUNTS, YearMonth.of(2023, 1), 24).writeTo(landing);
        addBadTickets(landing.resolve("tickets.csv"));
        addBadRows(landing);

        onDuckDb = workspace.resolve("duckdb");
        long started = System.nanoTime();
        assertThat(BatonCli.execute(nightArguments(landing, onDuckDb).toArray(String[]::new)))
                .as("the nightly job on DuckDB").isZero();
        long duckDbMillis = (System.nanoTime() - started) / 1_000_000;

        started = System.nanoTime();
        cluster = new StandaloneCluster(workspace.resolve("cluster"));
        long clusterStartMillis = (System.nanoTime() - started) / 1_000_000;

        // when the night is submitted to the cluster
        onCluster = workspace.resolve("on-cluster");
        Path eventLog = Files.createDirectories(workspace.resolve("event-log"));
        driverOutput = workspace.resolve("spark-submit.log");
        List<String> submit = new ArrayList<>(List.of("--master", cluster.masterUrl, "--deploy-mode", "client",
                "--class", "dev.baton.spark.BatonSpark", "--driver-memory", "1g",
                "--conf", "spark.executor.memory=1g",
                // small inputs: two partitions per shuffle, not 200 (the same setting a small cluster wants)
                "--conf", "spark.sql.shuffle.partitions=2",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.warehouse.dir=" + workspace.resolve("spark-warehouse").toUri(),
                "--conf", "spark.eventLog.enabled=true",
                "--conf", "spark.eventLog.dir=" + eventLog.toUri(),
                "--conf", "spark.eventLog.compress=false",
                "--conf", "spark.eventLog.rolling.enabled=false",
                JAR.toAbsolutePath().toString()));
        submit.addAll(nightArguments(landing, onCluster));
        started = System.nanoTime();
        int exitCode = cluster.submit(Path.of("").toAbsolutePath(), driverOutput, submit);
        long clusterNightMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(exitCode).as("spark-submit of the night; its output: " + driverOutput + "\n" + tail(driverOutput)).isZero();

        JsonNode completed = cluster.awaitMaster("the night's application completed",
                master -> master.get("completedapps").size() == 1).get("completedapps").get(0);
        applicationId = completed.get("id").asText();
        events = events(eventLog.resolve(applicationId));
        System.out.printf("SparkStandaloneClusterTests timings at %d accounts: DuckDB night %d ms; cluster start %d ms; "
                + "night through spark-submit on the cluster %d ms%n", ACCOUNTS, duckDbMillis, clusterStartMillis,
                clusterNightMillis);
        try (Stream<String> lines = Files.lines(driverOutput)) {
            lines.filter(line -> line.contains("models built on spark in") || line.contains("' completed for run date"))
                    .forEach(line -> System.out.println("SparkStandaloneClusterTests driver: " + line));
        }
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<String> nightArguments(Path landing, Path warehouse) {
        return List.of("run", "--landing", landing.toAbsolutePath().toString(), "--warehouse",
                warehouse.toAbsolutePath().toString(), "--run-date", RUN_DATE,
                "--project-dir", BothEngines.PROJECT.toAbsolutePath().normalize().toString());
    }

    /** Copies of the first ticket with a created_at and a csat_score that do not parse: two quarantine reasons. */
    static void addBadTickets(Path tickets) throws IOException {
        List<String> lines = Files.readAllLines(tickets, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        String[] first = lines.get(1).split(",", -1);
        assertThat(first).as("a ticket row without quoted commas").hasSize(header.size());
        String[] badDate = first.clone();
        badDate[header.indexOf("ticket_id")] = "T-BAD-DATE";
        badDate[header.indexOf("created_at")] = "not-a-date";
        String[] badScore = first.clone();
        badScore[header.indexOf("ticket_id")] = "T-BAD-SCORE";
        badScore[header.indexOf("csat_score")] = "five";
        Files.writeString(tickets, String.join(",", badDate) + "\n" + String.join(",", badScore) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * A ticket of an account nobody delivered, a subscription whose start_date is not YYYY-MM-DD, and an account line
     * cut short after its second column (a record that cannot be split): three more quarantine reasons, in three files.
     */
    static void addBadRows(Path landing) throws IOException {
        appendChangedFirstRow(landing.resolve("tickets.csv"), "ticket_id", "T-NO-ACCOUNT", "account_id", "A-NOBODY");
        appendChangedFirstRow(landing.resolve("subscriptions.csv"), "subscription_id", "S-BAD-DATE", "start_date", "31/12/2024");
        List<String> accounts = Files.readAllLines(landing.resolve("accounts.csv"), StandardCharsets.UTF_8);
        Files.writeString(landing.resolve("accounts.csv"), "A-SHORT,Short Row Ltd\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(accounts.get(0).split(",", -1).length).as("accounts has more than two columns").isGreaterThan(2);
    }

    /** A copy of the file's first row with these columns set (name, value, name, value, ...), appended. */
    private static void appendChangedFirstRow(Path file, String... changes) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        String[] row = lines.get(1).split(",", -1);
        assertThat(row).as("a first row of " + file.getFileName() + " without quoted commas").hasSize(header.size());
        for (int i = 0; i < changes.length; i += 2) {
            assertThat(header).contains(changes[i]);
            row[header.indexOf(changes[i])] = changes[i + 1];
        }
        Files.writeString(file, String.join(",", row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<JsonNode> events(Path eventLog) throws IOException {
        assertThat(eventLog).as("the application's event log").isRegularFile();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(eventLog, StandardCharsets.UTF_8)) {
            parsed.add(json.readTree(line));
        }
        return parsed;
    }

    private static Stream<JsonNode> events(String type) {
        return events.stream().filter(event -> event.get("Event").asText().equals(type));
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Test
    void theExecutorsRanInTheWorkerJvmsNotInTheDriver() throws Exception {
        // each worker JVM reports an executor it launched for the night's application
        List<JsonNode> workers = StandaloneCluster.aliveWorkers(cluster.master());
        assertThat(workers).hasSize(StandaloneCluster.WORKERS);
        TreeMap<String, String> executorToWorker = new TreeMap<>();
        for (JsonNode worker : workers) {
            JsonNode own = cluster.await("the worker's finished executor of " + applicationId, () -> cluster.worker(worker),
                    state -> executorsOf(state.get("finishedexecutors")).size() > 0);
            for (String executor : executorsOf(own.get("finishedexecutors"))) {
                executorToWorker.put(executor, worker.get("id").asText());
            }
        }
        assertThat(new HashSet<>(executorToWorker.values())).as("workers that ran an executor").hasSize(2);

        // the driver's event log: those executors were added from the standalone master, and every task ran in one
        Set<String> added = new TreeSet<>();
        events("SparkListenerExecutorAdded").forEach(event -> added.add(event.get("Executor ID").asText()));
        assertThat(added).as("executors added to the night's application").isEqualTo(executorToWorker.keySet());

        Set<String> ranTasks = new TreeSet<>();
        List<String> notOnAnExecutor = new ArrayList<>();
        events("SparkListenerTaskEnd").forEach(event -> {
            String executor = event.get("Task Info").get("Executor ID").asText();
            ranTasks.add(executor);
            if (!executorToWorker.containsKey(executor)) {
                notOnAnExecutor.add(event.get("Task Info").toString());
            }
        });
        assertThat(notOnAnExecutor).as("tasks that ran anywhere but on a worker's executor (the driver is 'driver')").isEmpty();
        assertThat(ranTasks).as("executors that ran tasks: both workers did work").isEqualTo(executorToWorker.keySet());
        assertThat(events("SparkListenerTaskEnd").count()).as("tasks of the night").isGreaterThan(50);
    }

    @Test
    void theExtractsJobsRanOnTheWorkersExecutors() {
        // the jobs SparkDeliveryEngine started, by their description ("baton extract <entity> <file>"), and their stages
        TreeMap<Integer, String> extractStages = new TreeMap<>();
        events("SparkListenerJobStart").forEach(event -> {
            JsonNode description = event.path("Properties").get("spark.job.description");
            if (description != null && description.asText().startsWith(SparkDeliveryEngine.JOB_DESCRIPTION)) {
                event.get("Stage IDs").forEach(stage -> extractStages.put(stage.asInt(), description.asText()));
            }
        });
        Set<String> executors = new TreeSet<>();
        events("SparkListenerExecutorAdded").forEach(event -> executors.add(event.get("Executor ID").asText()));
        Set<String> checkedOnExecutors = new TreeSet<>();
        events("SparkListenerTaskEnd").forEach(event -> {
            String delivery = extractStages.get(event.get("Stage ID").asInt());
            if (delivery != null && executors.contains(event.get("Task Info").get("Executor ID").asText())) {
                checkedOnExecutors.add(delivery.substring(SparkDeliveryEngine.JOB_DESCRIPTION.length()));
            }
        });

        // every canonical CSV of an entity without free text, read and checked by tasks on the workers' executors
        assertThat(checkedOnExecutors).contains("accounts accounts.csv", "subscriptions subscriptions.csv",
                "tickets tickets.csv", "deals deals.csv", "fx_rates fx_rates.csv").doesNotContain("handoffs handoffs.csv");
        assertThat(onCluster.resolve("spark").resolve("nightly-" + RUN_DATE).resolve("extract").resolve("tickets"))
                .isDirectory();
    }

    private List<String> executorsOf(JsonNode executors) {
        List<String> ids = new ArrayList<>();
        executors.forEach(executor -> {
            if (executor.get("appid").asText().equals(applicationId)) {
                ids.add(executor.get("id").asText());
            }
        });
        return ids;
    }

    @Test
    void everyModelPublishedFromTheClusterIsTheOneDuckDbBuilds() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> emptyMarts = new ArrayList<>();
        try (Connection duckDb = BothEngines.published(onDuckDb); Connection fromCluster = BothEngines.published(onCluster)) {
            for (ModelCatalog.Definition model : catalog.definitionsInLayers(BothEngines.LAYERS)) {
                problems.addAll(differences(duckDb, fromCluster, model.name()));
                if (model.layer().equals("marts") && BothEngines.duckDbRows(fromCluster, model.name()).isEmpty()) {
                    emptyMarts.add(model.name());
                }
            }
        }

        assertThat(catalog.definitionsInLayers(List.of("marts"))).as("marts compared").hasSizeGreaterThan(5);
        // every mart has rows except identity coverage, empty by design on a night without kind: identities
        assertThat(emptyMarts).as("marts with no rows prove nothing").containsExactly("mart_identity_coverage");
        assertThat(problems).as("differences between DuckDB and the cluster").isEmpty();
    }

    @Test
    void theQuarantineAndTheReconciliationAreTheSame() throws Exception {
        try (Connection duckDb = BothEngines.published(onDuckDb); Connection fromCluster = BothEngines.published(onCluster)) {
            assertThat(differences(duckDb, fromCluster, "quarantine")).isEmpty();
            assertThat(differences(duckDb, fromCluster, "load_reconciliation")).isEmpty();

            // the bad rows, by hand: one row per rejected value; the short account line, one row for the record
            List<String> quarantined = BothEngines.duckDbRows(fromCluster, "(select entity, line_number is not null,"
                    + " column_name, raw_value from quarantine where entity <> 'accounts')");
            assertThat(quarantined).containsExactly("subscriptions | true | start_date | 31/12/2024",
                    "tickets | true | account_id | A-NOBODY", "tickets | true | created_at | not-a-date",
                    "tickets | true | csat_score | five");
            assertThat(BothEngines.duckDbRows(fromCluster, "(select reason from quarantine where entity = 'accounts')"))
                    .singleElement().asString().startsWith("short row: fewer columns than the header");
            assertThat(BothEngines.duckDbRows(fromCluster, "(select source_file, rows_quarantined from load_reconciliation"
                    + " where rows_quarantined > 0)")).containsExactly("accounts.csv | 1", "subscriptions.csv | 1", "tickets.csv | 3");
        }
    }

    private static List<String> differences(Connection duckDb, Connection fromCluster, String table) throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> duckColumns = BothEngines.duckDbColumns(duckDb, table);
        List<String> clusterColumns = BothEngines.duckDbColumns(fromCluster, table);
        if (!duckColumns.equals(clusterColumns)) {
            problems.add(table + " columns: DuckDB " + duckColumns + " but from the cluster " + clusterColumns);
        }
        List<String> duckRows = BothEngines.duckDbRows(duckDb, table);
        List<String> clusterRows = BothEngines.duckDbRows(fromCluster, table);
        if (!duckRows.equals(clusterRows)) {
            problems.add(table + ": rows differ (DuckDB " + duckRows.size() + ", cluster " + clusterRows.size() + ")");
        }
        return problems;
    }
}
