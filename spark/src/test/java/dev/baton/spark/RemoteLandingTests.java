package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Which landings {@link RemoteLanding} leaves alone: those need no Spark session and no copy. */
class RemoteLandingTests {

    private static final Supplier<Configuration> NO_SESSION = () -> {
        throw new AssertionError("a local landing needs no Hadoop configuration");
    };

    @Test
    void aLocalLandingIsLeftAsGiven() {
        String[] args = {"run", "--landing", "data/landing", "--run-date", "2024-06-30"};

        try (RemoteLanding landing = RemoteLanding.of(args, NO_SESSION)) {
            assertThat(landing.args()).containsExactly(args);
        }
    }

    @Test
    void aFileUriIsTheLocalFolderItNames() {
        try (RemoteLanding joined = RemoteLanding.of(new String[] {"run", "--landing=file:///srv/landing"}, NO_SESSION);
                RemoteLanding apart = RemoteLanding.of(new String[] {"backfill", "--landing", "file:/srv/landing"}, NO_SESSION)) {
            assertThat(joined.args()).containsExactly("run", "--landing=/srv/landing");
            assertThat(apart.args()).containsExactly("backfill", "--landing", "/srv/landing");
        }
    }

    @Test
    void aCommandWithoutLandingIsLeftAsGiven() {
        try (RemoteLanding landing = RemoteLanding.of(new String[] {"status", "--warehouse", "s3a://not/a/landing"}, NO_SESSION)) {
            assertThat(landing.args()).containsExactly("status", "--warehouse", "s3a://not/a/landing");
        }
    }
}
