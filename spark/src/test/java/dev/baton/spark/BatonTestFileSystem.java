package dev.baton.spark;

import java.net.URI;

import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own, {@code batontest://baton/<absolute path>}: a Hadoop file system that
 * java.nio cannot open, so a night whose work dir is such a URI proves every byte went through the Hadoop API (as it
 * would to {@code hdfs:} or {@code s3a:}). Registered with {@code fs.batontest.impl}.
 */
public final class BatonTestFileSystem extends RawLocalFileSystem {

    static final URI ROOT = URI.create("batontest://baton/");

    @Override
    public URI getUri() {
        return ROOT;
    }

    @Override
    public String getScheme() {
        return ROOT.getScheme();
    }
}
