package dev.baton.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where each thing lives inside a warehouse folder. The published file is only ever replaced by a rename,
 * so readers never see a half-written warehouse.
 */
public final class WarehouseLayout {

    private final Path root;

    private static final java.util.regex.Pattern URI_SCHEME = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*");

    public WarehouseLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path publishedFile() {
        return root.resolve("warehouse.duckdb");
    }

    /** The file a run for one business date builds; it survives a failure so a restart can resume. */
    public Path buildFile(String jobName, LocalDate runDate) {
        return root.resolve("build").resolve(jobName + "-" + runDate + ".duckdb");
    }

    /**
     * Where another engine (Spark) exchanges one night's Parquet with the build file: {@code <work dir>/<job>-<date>},
     * the work dir being {@code baton.spark.work-dir}, or {@code <warehouse>/spark} when that is empty. The setting is
     * read here once: a {@code file:} URI, a plain path or a Windows drive is a local folder; any other URI
     * ({@code hdfs:}, {@code s3a:}) stays text for the engine's Hadoop file system.
     */
    public EngineNight engineNight(String workDirSetting, String jobName, LocalDate runDate) {
        String night = jobName + "-" + runDate;
        if (workDirSetting == null || workDirSetting.isBlank()) {
            return new EngineNight(root.resolve("spark").resolve(night), null);
        }
        String given = workDirSetting.strip();
        if (isHadoopUri(given)) {
            // why text: java.nio folds a URI's // (hdfs:///x would become hdfs:/x, s3a://bucket/x s3a:/bucket/x)
            return new EngineNight(null, given.replaceAll("/+$", "") + "/" + night);
        }
        Path workDir = scheme(given) != null ? Path.of(java.net.URI.create(given)) : Path.of(given);
        return new EngineNight(workDir.resolve(night), null);
    }

    /**
     * One night's folder of another engine: a local folder, or a Hadoop URI as text, which the driver's DuckDB cannot
     * open (the Spark engine exchanges its files through a local mirror).
     *
     * @param local the folder when it is local, else null
     * @param uri the folder's URI when it is not local, else null
     */
    public record EngineNight(Path local, String uri) {

        public EngineNight {
            if ((local == null) == (uri == null)) {
                throw new IllegalArgumentException("an engine's night is either a local folder or a URI");
            }
        }

        public boolean isRemote() {
            return uri != null;
        }

        /** A folder inside the night's, e.g. {@code extract}. */
        public EngineNight resolve(String name) {
            return isRemote() ? new EngineNight(null, uri + "/" + name) : new EngineNight(local.resolve(name), null);
        }
    }

    /** Whether a work-dir setting is a Hadoop URI ({@code hdfs:}, {@code s3a:}, ...) rather than a local folder. */
    public static boolean isHadoopUri(String workDirSetting) {
        String scheme = scheme(workDirSetting);
        return scheme != null && !scheme.equalsIgnoreCase("file");
    }

    /** The URI scheme of a setting, of two letters or more (one letter is a Windows drive), or null for a plain path. */
    private static String scheme(String setting) {
        if (setting == null) {
            return null;
        }
        java.util.regex.Matcher uri = URI_SCHEME.matcher(setting.strip());
        return uri.matches() ? uri.group(1) : null;
    }

    public Path parquetDir() {
        return root.resolve("parquet");
    }

    public Path stateDir() {
        return root.resolve("state");
    }

    public Path tempDir() {
        return root.resolve("tmp");
    }

    public Path sampleLandingDir() {
        return root.resolve("sample-landing");
    }

    /**
     * The run history's H2 file. WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to 500 ms, so a kill -9
     * just after a step completed lost its COMPLETED and the restart ran the step again.
     */
    public String metadataJdbcUrl() {
        return "jdbc:h2:file:" + stateDir().resolve("batch") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    public void createDirectories() {
        try {
            Files.createDirectories(root.resolve("build"));
            Files.createDirectories(stateDir());
            Files.createDirectories(tempDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create warehouse folders under " + root, e);
        }
    }
}
