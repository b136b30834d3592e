package dev.baton.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --landing hdfs://namenode:8020/landing} or {@code s3a://bucket/landing}: Baton's extract reads the landing
 * with the driver's DuckDB and Java's file API, which open local files only, so a landing given as a Hadoop URI is
 * copied, whole, to a temporary folder on the driver (Hadoop FileSystem API) and the command is run on that copy,
 * which is removed when the command ends. A {@code file:} URI is used as the local folder it names. The copy changes
 * nothing Baton records: deliveries are known by file name and checksum, and the landing does not identify a run.
 */
final class RemoteLanding implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RemoteLanding.class);

    private static final String OPTION = "--landing";

    private final String[] args;
    private final Path copy;

    private RemoteLanding(String[] args, Path copy) {
        this.args = args;
        this.copy = copy;
    }

    /** The command line with a URI landing replaced by a local copy (the same line when there is none). */
    static RemoteLanding of(String[] args, Supplier<Configuration> hadoop) {
        String[] local = args.clone();
        for (int i = 0; i < local.length; i++) {
            boolean joined = local[i].startsWith(OPTION + "=");
            int value = joined ? i : i + 1;
            if ((joined || local[i].equals(OPTION)) && value < local.length) {
                String given = joined ? local[i].substring(OPTION.length() + 1) : local[i + 1];
                org.apache.hadoop.fs.Path uri = new org.apache.hadoop.fs.Path(given);
                String scheme = uri.toUri().getScheme();
                if (scheme == null || scheme.length() < 2) {
                    return new RemoteLanding(local, null);
                }
                if (scheme.equalsIgnoreCase("file")) {
                    local[value] = (joined ? OPTION + "=" : "") + uri.toUri().getPath();
                    return new RemoteLanding(local, null);
                }
                Path folder = copyDown(uri, hadoop.get());
                local[value] = (joined ? OPTION + "=" : "") + folder;
                return new RemoteLanding(local, folder.getParent());
            }
        }
        return new RemoteLanding(local, null);
    }

    private static Path copyDown(org.apache.hadoop.fs.Path landing, Configuration conf) {
        try {
            Path folder = Files.createTempDirectory("baton-landing-").resolve("landing");
            long started = System.nanoTime();
            landing.getFileSystem(conf).copyToLocalFile(false, landing, SparkModels.hadoopPath(folder), true);
            log.info("landing {} copied to {} in {} ms", landing, folder, (System.nanoTime() - started) / 1_000_000);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the landing " + landing + " to the driver", e);
        }
    }

    String[] args() {
        return args;
    }

    /** Whether the landing was copied to the driver, where a cluster's executors cannot read it. */
    boolean copied() {
        return copy != null;
    }

    @Override
    public void close() {
        if (copy != null && !FileUtil.fullyDelete(copy.toFile())) {
            log.warn("cannot remove the landing's copy {}", copy);
        }
    }
}
