package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;

import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;

/** {@code baton.spark.work-dir} as written, read once by {@link WarehouseLayout#engineNight} and handed to the engine. */
class WorkDirTests {

    private static final WarehouseLayout LAYOUT = new WarehouseLayout(Path.of("/srv/warehouse"));

    private static WorkDir night(String setting) {
        return WorkDir.of(LAYOUT.engineNight(setting, "nightly", LocalDate.of(2024, 6, 30)));
    }

    @Test
    void noSettingIsTheWarehousesSparkFolder() {
        assertThat(night("").local()).isEqualTo(Path.of("/srv/warehouse/spark/nightly-2024-06-30"));
        assertThat(night(null).local()).isEqualTo(Path.of("/srv/warehouse/spark/nightly-2024-06-30"));
    }

    @Test
    void aPlainPathIsLocal() {
        WorkDir work = night("/tmp/x");

        assertThat(work.isRemote()).isFalse();
        assertThat(work.local()).isEqualTo(Path.of("/tmp/x/nightly-2024-06-30"));
    }

    @Test
    void aFileUriIsLocal() {
        WorkDir work = night("file:///tmp/x");

        assertThat(work.isRemote()).isFalse();
        assertThat(work.local()).isEqualTo(Path.of("/tmp/x/nightly-2024-06-30"));
    }

    @Test
    void aWindowsDriveIsLocal() {
        // one letter before the colon is a drive, not a URI scheme
        WorkDir work = night("C:\\x");

        assertThat(work.isRemote()).isFalse();
        assertThat(work.local()).isEqualTo(Path.of("C:\\x").resolve("nightly-2024-06-30"));
    }

    @Test
    void hdfsWithoutAnAuthorityIsTheDefaultNamenodes() {
        // hdfs:///baton: no authority, the path /baton on the cluster's default file system; not a host named baton
        URI uri = night("hdfs:///baton").remote().toUri();

        assertThat(uri.getScheme()).isEqualTo("hdfs");
        assertThat(uri.getAuthority()).isNull();
        assertThat(uri.getPath()).isEqualTo("/baton/nightly-2024-06-30");
    }

    @Test
    void hdfsAndS3aUrisKeepTheirAuthority() {
        URI hdfs = night("hdfs://nn:8020/baton").remote().toUri();
        URI s3a = night("s3a://bucket/x").remote().toUri();

        assertThat(hdfs.getScheme()).isEqualTo("hdfs");
        assertThat(hdfs.getAuthority()).isEqualTo("nn:8020");
        assertThat(hdfs.getPath()).isEqualTo("/baton/nightly-2024-06-30");
        assertThat(s3a.getScheme()).isEqualTo("s3a");
        assertThat(s3a.getAuthority()).isEqualTo("bucket");
        assertThat(s3a.getPath()).isEqualTo("/x/nightly-2024-06-30");
        // a trailing slash in the setting changes nothing
        assertThat(night("s3a://bucket/x/").remote()).isEqualTo(night("s3a://bucket/x").remote());
    }
}
