package dev.baton.spark;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark engine's folder of one night ({@code baton.spark.work-dir}/{@code <job>-<date>}): a local path, or a
 * Hadoop URI ({@code hdfs://namenode:8020/baton}, {@code s3a://bucket/baton}) that the executors reach and the driver's
 * DuckDB cannot, since it reads local files only. For such a URI the night's Parquet passes through a local mirror
 * on the driver ({@link RemoteExchange}).
 *
 * @param local the folder itself when it is local, else null
 * @param remote the URI when it is not local, else null
 */
record WorkDir(Path local, org.apache.hadoop.fs.Path remote) {

    /** A URI scheme of two characters or more, so that a Windows drive letter is no scheme. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):/+(.*)");

    WorkDir {
        if ((local == null) == (remote == null)) {
            throw new IllegalArgumentException("a work dir is either local or remote");
        }
    }

    /**
     * The setting reaches the engine as a {@link Path}, which folds a URI's {@code //} into one slash
     * ({@code s3a:/bucket/baton/nightly-2024-06-30}); the authority is put back as the first name after the scheme, so
     * a remote work dir must name it ({@code hdfs://namenode:8020/...}, not {@code hdfs:///...}). A {@code file:} URI
     * is a local folder and is used as one.
     */
    static WorkDir of(Path given) {
        Matcher uri = SCHEME.matcher(given.toString().replace('\\', '/'));
        if (!uri.matches()) {
            return new WorkDir(given, null);
        }
        String scheme = uri.group(1);
        if (scheme.equalsIgnoreCase("file")) {
            return new WorkDir(Path.of("/" + uri.group(2)), null);
        }
        return new WorkDir(null, new org.apache.hadoop.fs.Path(scheme + "://" + uri.group(2)));
    }

    boolean isRemote() {
        return remote != null;
    }
}
