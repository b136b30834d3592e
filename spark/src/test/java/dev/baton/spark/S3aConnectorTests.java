package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
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

    @Test
    void theSdksDefaultCredentialChainIsAcceptedAsDocumented() throws Exception {
        // given docs/spark.md's setting, and no keys: the chain is only asked for credentials at the first request
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", "http://127.0.0.1:9");
        conf.set("fs.s3a.endpoint.region", "eu-west-1");
        conf.set("fs.s3a.bucket.probe", "0");
        conf.set("fs.s3a.aws.credentials.provider", "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
        conf.setBoolean("fs.s3a.impl.disable.cache", true);

        // when
        try (FileSystem fs = new Path("s3a://baton-probe/work").getFileSystem(conf)) {
            // then
            assertThat(((S3AFileSystem) fs).getS3AInternals().getStore().getOrCreateS3Client().serviceName()).isEqualTo("s3");
        }
    }
}
