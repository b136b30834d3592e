package dev.baton.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.fs.s3a.S3AStore;

/**
 * Opens {@code s3a://bucket/} against a port nothing listens on and has S3A build its three AWS clients: the sync S3
 * client (Apache HTTP), the async one (the SDK's Netty client, used for copies and renames) and the transfer manager.
 * Building them needs every SDK class S3A links to, and no network; a class left out of the jar fails here.
 * Public with a no-argument constructor so a test can load it through a class loader made of the shaded jar.
 */
public final class S3aProbe implements Supplier<String> {

    @Override
    public String get() {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", "http://127.0.0.1:9");
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.set("fs.s3a.path.style.access", "true");
        conf.set("fs.s3a.access.key", "probe-access-key");
        conf.set("fs.s3a.secret.key", "probe-secret-key");
        // no request at start-up: the bucket is not checked for existence
        conf.set("fs.s3a.bucket.probe", "0");
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
        try (FileSystem fs = new Path("s3a://baton-probe/work").getFileSystem(conf)) {
            S3AStore store = ((S3AFileSystem) fs).getS3AInternals().getStore();
            return String.join(" ", fs.getClass().getName(), fs.getUri().toString(),
                    store.getOrCreateS3Client().serviceName(),
                    store.getOrCreateAsyncClient().serviceName(),
                    store.getOrCreateTransferManager().getClass().getSimpleName(),
                    // where S3A came from: the shaded jar, or the test's class path
                    S3AFileSystem.class.getProtectionDomain().getCodeSource().getLocation().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
