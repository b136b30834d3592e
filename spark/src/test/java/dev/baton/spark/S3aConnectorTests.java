package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The S3A connector the module ships initialises with the AWS SDK modules it carries (not the SDK bundle). */
class S3aConnectorTests {

    @Test
    void s3aUrisOpenAnS3aFileSystemWhoseClientsBuild() {
        // when
        String probe = new S3aProbe().get();

        // then
        assertThat(probe).startsWith("org.apache.hadoop.fs.s3a.S3AFileSystem s3a://baton-probe s3 s3 ");
        assertThat(probe).contains("hadoop-aws-3.4.2.jar");
    }
}
