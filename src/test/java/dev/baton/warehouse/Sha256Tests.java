package dev.baton.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one SHA-256 helper gives the standard digests, and one string gives the bytes the fingerprints streamed. */
class Sha256Tests {

    // FIPS 180-2 test vector: SHA-256("abc")
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void textFileAndBytesGiveTheStandardDigest(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("abc.txt"), "abc");

        assertThat(Sha256.hex("abc")).isEqualTo(ABC);
        assertThat(Sha256.hex(file)).isEqualTo(ABC);
        assertThat(HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ABC);
    }

    @Test
    void aModelFingerprintIsTheDigestItWasBeforeTheHelper() throws Exception {
        // IncrementalBuild used to stream: the SQL, a 0 byte, the settings, then a 1 byte on a month's last day
        MessageDigest streamed = MessageDigest.getInstance("SHA-256");
        streamed.update("select 'ü' as x".getBytes(StandardCharsets.UTF_8));
        streamed.update((byte) 0);
        streamed.update("reporting_currency=EUR".getBytes(StandardCharsets.UTF_8));
        streamed.update((byte) 1);

        assertThat(Sha256.hex("select 'ü' as x" + '\0' + "reporting_currency=EUR" + '\u0001'))
                .isEqualTo(HexFormat.of().formatHex(streamed.digest()));
    }
}
