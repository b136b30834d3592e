package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The work dir as it reaches the engine, a {@link Path} with its URI's {@code //} folded, read back. */
class WorkDirTests {

    @Test
    void aPlainPathIsLocal() {
        WorkDir work = WorkDir.of(Path.of("/srv/warehouse/spark").resolve("nightly-2024-06-30"));

        assertThat(work.isRemote()).isFalse();
        assertThat(work.local()).isEqualTo(Path.of("/srv/warehouse/spark/nightly-2024-06-30"));
    }

    @Test
    void aFileUriIsLocal() {
        WorkDir work = WorkDir.of(Path.of("file:///mnt/shared/baton").resolve("nightly-2024-06-30"));

        assertThat(work.isRemote()).isFalse();
        assertThat(work.local()).isEqualTo(Path.of("/mnt/shared/baton/nightly-2024-06-30"));
    }

    @Test
    void hdfsAndS3aUrisGetTheirAuthorityBack() {
        WorkDir hdfs = WorkDir.of(Path.of("hdfs://namenode:8020/user/baton/spark").resolve("nightly-2024-06-30"));
        WorkDir s3a = WorkDir.of(Path.of("s3a://bucket/baton").resolve("nightly-2024-06-30"));

        assertThat(hdfs.remote()).hasToString("hdfs://namenode:8020/user/baton/spark/nightly-2024-06-30");
        assertThat(s3a.remote()).hasToString("s3a://bucket/baton/nightly-2024-06-30");
        assertThat(s3a.remote().toUri().getAuthority()).isEqualTo("bucket");
    }
}
