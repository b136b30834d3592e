package dev.baton.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.FileTrees;
import dev.baton.warehouse.WarehouseLayout;

/**
 * The published versions of a warehouse folder. Each publish writes a complete version folder
 * {@code versions/<sequence>-<run date>/} (warehouse.duckdb, parquet/, reporting.duckdb, and {@code .run}: the job,
 * run date and attempt it came from) and then points the published names at it with one atomic rename of the
 * {@code current} link, through which {@code warehouse.duckdb}, {@code reporting.duckdb} and {@code parquet} lead
 * ({@link PublishedNames}). Nothing a reader has open is ever written to: a reader keeps its snapshot, and the files
 * of older versions stay on disk until they fall out of the last N kept versions.
 *
 * <p>A version counts once the names were switched to it (a {@code .switched} marker written after the switch, or
 * being the published version right now), or once it was complete and deliberately kept without a switch (a
 * {@code .kept} marker: a night older than the published one, which rollback passes over). A publish that died
 * earlier leaves debris — an {@code .incoming-*} folder or a version folder neither switched to nor kept — which is
 * never listed or rolled back to, and which the next publish deletes.
 * Callers that change the versions hold the {@link PublishLock}.
 */
public final class PublishedVersions {

    static final String DATABASE = "warehouse.duckdb";
    static final String REPORTING = "reporting.duckdb";
    static final String PARQUET = "parquet";
    /** The HTML report of a version, written by the report step after the switch; {@code <root>/report} links to it. */
    public static final String REPORT = "report";
    /** Written into a version folder once the published names point at it: only then was it ever published. */
    static final String SWITCHED = ".switched";
    /**
     * Written into a complete version folder that was deliberately not switched to: a night older than the published
     * one (a backfill), built and kept but not published unless asked ({@code --publish-older}).
     */
    static final String KEPT = ".kept";
    private static final String INCOMING = ".incoming-";
    /** Written into a version folder before it becomes a version: the run it came from. */
    static final String RUN = ".run";
    private static final Pattern VERSION_NAME = Pattern.compile("(\\d{6})-(\\d{4}-\\d{2}-\\d{2})");

    /** One kept version, e.g. {@code 000003-2024-06-30}. */
    public record Version(int sequence, LocalDate runDate, Path folder) {

        public String name() {
            return folder.getFileName().toString();
        }

        Path reporting() {
            return folder.resolve(REPORTING);
        }

        Path parquet() {
            return folder.resolve(PARQUET);
        }

        public Path database() {
            return folder.resolve(DATABASE);
        }

        /** The folder holding this version's report ({@code index.html}). */
        public Path report() {
            return folder.resolve(REPORT);
        }
    }

    private final WarehouseLayout layout;

    public PublishedVersions(WarehouseLayout layout) {
        this.layout = layout;
    }

    Path versionsDir() {
        return layout.root().resolve("versions");
    }

    /** Kept versions, oldest first. */
    public List<Version> list() {
        if (!Files.isDirectory(versionsDir())) {
            return List.of();
        }
        List<Version> versions = new ArrayList<>();
        for (Version version : folders()) {
            if (Files.isRegularFile(version.database()) && (Files.exists(version.folder().resolve(KEPT))
                    || Files.exists(version.folder().resolve(SWITCHED)) || isCurrentLink(version) || isPublished(version))) {
                versions.add(version);
            }
        }
        return List.copyOf(versions);
    }

    /** Every folder with a version name, switched to or not, oldest first. */
    private List<Version> folders() {
        if (!Files.isDirectory(versionsDir())) {
            return List.of();
        }
        List<Version> versions = new ArrayList<>();
        try (Stream<Path> folders = Files.list(versionsDir())) {
            for (Path folder : folders.toList()) {
                version(folder).ifPresent(versions::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + versionsDir(), e);
        }
        versions.sort(Comparator.comparingInt(Version::sequence));
        return versions;
    }

    private static Optional<Version> version(Path folder) {
        Matcher matcher = VERSION_NAME.matcher(folder.getFileName().toString());
        return matcher.matches()
                ? Optional.of(new Version(Integer.parseInt(matcher.group(1)), LocalDate.parse(matcher.group(2)), folder))
                : Optional.empty();
    }

    /** Whether the published names ever pointed at this version (a kept backfill night's never did). */
    public boolean wasPublished(Version version) {
        return Files.exists(version.folder().resolve(SWITCHED)) || isCurrentLink(version) || isPublished(version);
    }

    /** Marks a complete version folder as kept though not published; until then it is debris a later publish deletes. */
    void keep(Version version) throws IOException {
        Files.writeString(version.folder().resolve(KEPT), Instant.now() + "\n");
    }

    private boolean isPublished(Version version) {
        try {
            return Files.exists(layout.publishedFile()) && Files.exists(version.database())
                    && Files.isSameFile(layout.publishedFile(), version.database());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isCurrentLink(Version version) {
        try {
            return PublishedNames.current(layout.root()).filter(version.folder()::equals).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version {@code current} (or, before that link existed, {@code warehouse.duckdb}) is now, if it is kept. */
    public Optional<Version> current() {
        // `current` is read once: a publish renames it while list() walks the folders, and the version it now names
        // gets its .switched marker only after the rename, so asking each folder in turn could find none current
        Optional<Path> linked;
        try {
            linked = PublishedNames.current(layout.root());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (linked.isPresent()) {
            Optional<Version> version = version(linked.get());
            if (version.isPresent() && Files.isRegularFile(version.get().database())) {
                return version;
            }
        }
        return list().stream().filter(this::isPublished).findFirst();
    }

    /** The kept version this run published, if it did (the process may have died before the run recorded it). */
    Optional<Version> publishedBy(String run) {
        return list().stream().filter(version -> run.equals(runOf(version))).reduce((first, second) -> second);
    }

    private static String runOf(Version version) {
        try {
            Path file = version.folder().resolve(RUN);
            return Files.exists(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A fresh, empty folder to fill; {@link #commit} turns it into the next version. */
    Path prepare(LocalDate runDate) throws IOException {
        removeDebris();
        Path incoming = versionsDir().resolve(INCOMING + runDate);
        // The Parquet folder exists even when a job exports no table, so every version has the same shape.
        Files.createDirectories(incoming.resolve(PARQUET));
        return incoming;
    }

    /** Deletes what publishes that died left behind; returns the names deleted. */
    List<String> removeDebris() throws IOException {
        // a switch that died while the names were first made links through `current`: finish it before anything is judged
        PublishedNames.linkNames(layout.root());
        List<String> removed = new ArrayList<>();
        if (Files.isDirectory(versionsDir())) {
            try (Stream<Path> folders = Files.list(versionsDir())) {
                for (Path folder : folders.filter(folder -> folder.getFileName().toString().startsWith(INCOMING)).toList()) {
                    FileTrees.delete(folder);
                    removed.add(folder.getFileName().toString());
                }
            }
        }
        List<Version> published = list();
        for (Version version : folders()) {
            if (!published.contains(version)) {
                FileTrees.delete(version.folder());
                removed.add(version.name());
            }
        }
        return removed;
    }

    /** Renames a filled folder to the next version name: until then it is not a version at all. */
    Version commit(Path incoming, LocalDate runDate) throws IOException {
        int sequence = folders().stream().mapToInt(Version::sequence).max().orElse(0) + 1;
        Path folder = versionsDir().resolve(String.format("%06d-%s", sequence, runDate));
        Files.move(incoming, folder, StandardCopyOption.ATOMIC_MOVE);
        return new Version(sequence, runDate, folder);
    }

    /**
     * Points the published names at a version, all three with the one rename of {@code current}: a reader opening
     * {@code warehouse.duckdb} and then {@code parquet} sees one night unless a switch came in between.
     */
    void switchTo(Version version) throws IOException {
        PublishedNames.switchTo(layout.root(), version.folder());
        linkReport(version);
        Path switched = version.folder().resolve(SWITCHED);
        if (!Files.exists(switched)) {
            Files.writeString(switched, Instant.now() + "\n");
        }
    }

    /**
     * Points {@code <root>/report} at the version's report folder (a relative symbolic link, renamed into place like
     * {@code parquet}), so a rollback shows the rolled-back-to night's report. A version without a report (published
     * before reports were versioned, or whose report step has not run yet) takes the link away rather than leave the
     * other night's report in view; {@code baton report} renders it.
     */
    public void linkReport(Version version) throws IOException {
        Path root = layout.root();
        Path link = root.resolve(REPORT);
        if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
            // a folder from before reports were versioned; a symbolic link replaces it from now on
            FileTrees.delete(link);
        }
        if (!Files.isRegularFile(version.report().resolve("index.html"))) {
            Files.deleteIfExists(link);
            return;
        }
        Path next = root.resolve("." + REPORT + ".next");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, root.relativize(version.report()));
        Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Keeps the newest {@code keep} versions and always the current one and the newest night's (the latest run date,
     * however many backfilled older nights were kept after it); returns the versions removed.
     */
    List<Version> prune(int keep) throws IOException {
        List<Version> versions = list();
        Optional<Version> current = current();
        Optional<Version> newestNight = versions.stream()
                .max(Comparator.comparing(Version::runDate).thenComparingInt(Version::sequence));
        List<Version> removed = new ArrayList<>();
        for (int i = 0; i < versions.size() - Math.max(keep, 1); i++) {
            Version version = versions.get(i);
            if (current.filter(version::equals).isPresent() || newestNight.filter(version::equals).isPresent()) {
                continue;
            }
            // Linux keeps an unlinked file readable for whoever still has it open, so a slow reader is not cut off.
            FileTrees.delete(version.folder());
            removed.add(version);
        }
        return removed;
    }

    /**
     * Points the published names at the version published before the current one; a version kept but never published
     * (an older night of a backfill) is passed over.
     */
    public Version rollback() throws IOException {
        List<Version> versions = list().stream().filter(this::wasPublished).toList();
        Version current = current().orElseThrow(() -> new IllegalArgumentException(
                "The published warehouse in " + layout.root() + " is none of the kept versions; nothing to roll back to"));
        int index = versions.indexOf(current);
        if (index == 0) {
            throw new IllegalArgumentException("No version before " + current.name() + " is kept in " + versionsDir());
        }
        Version previous = versions.get(index - 1);
        switchTo(previous);
        return previous;
    }

    /**
     * Rebuilds the current version's {@code reporting.duckdb} for where the warehouse folder is now: its views
     * name the Parquet files by absolute path, because DuckDB resolves a relative path against the reading
     * process's working directory, not against the database file.
     */
    public Version refreshCatalog() throws IOException, SQLException {
        Version current = current().orElseThrow(() -> new IllegalArgumentException(
                "The published warehouse in " + layout.root() + " is none of the kept versions; nothing to refresh"));
        DuckDbFiles duckDb = new DuckDbFiles(new BatonProperties.DuckDb("", 0), layout.tempDir());
        ReportingCatalog.refresh(duckDb, current.folder());
        switchTo(current);
        return current;
    }
}
