package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import dev.baton.warehouse.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The night's file digests, computed ahead on a thread of their own: the same digest as reading the file then. */
class FileDigestsTests {

    @TempDir
    Path folder;

    @Test
    void eachFileGetsItsOwnDigestWhateverTheOrderAsked() throws IOException {
        // given: three files of 2, 3 and 1 lines
        Path a = write("a.csv", "id\n1\n");
        Path b = write("b.csv", "id\n1\n2\n");
        Path c = write("c.csv", "id\n");

        // when
        try (FileDigests digests = new FileDigests(List.of(a, b, c))) {
            FileDigest second = digests.of(b);
            FileDigest first = digests.of(a);
            FileDigest third = digests.of(c);

            // then
            assertThat(first.checksum()).isEqualTo(Sha256.hex(a));
            assertThat(second.checksum()).isEqualTo(Sha256.hex(b));
            assertThat(third.checksum()).isEqualTo(Sha256.hex(c));
            assertThat(List.of(first.lines(), second.lines(), third.lines())).containsExactly(2L, 3L, 1L);
        }
    }

    @Test
    void aFileNotAnnouncedIsReadWhenAskedAndAMissingOneFailsAsBefore() throws IOException {
        // given
        Path announced = write("a.csv", "id\n1\n");
        Path late = write("late.csv", "id\n1\n2\n3\n");
        Path missing = folder.resolve("gone.csv");

        try (FileDigests digests = new FileDigests(List.of(announced, missing))) {
            // when / then
            assertThat(digests.of(late).lines()).isEqualTo(4);
            assertThatThrownBy(() -> digests.of(missing)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("gone.csv");
            assertThat(digests.of(announced).checksum()).isEqualTo(Sha256.hex(announced));
        }
    }

    @Test
    void aFileRewrittenBetweenItsDigestAndItsReadIsRefused() throws IOException {
        // given: two files digested ahead; then b is rewritten (same size, a later modification time)
        Path a = write("a.csv", "id\n1\n");
        Path b = write("b.csv", "id\n2\n");
        try (FileDigests digests = new FileDigests(List.of(a, b))) {
            digests.of(a);
            digests.of(b);
            Files.writeString(b, "id\n3\n", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 60_000));

            // when / then: a is as digested; b's checksum is not that of what a read now would load
            digests.requireUnchanged(a);
            assertThatThrownBy(() -> digests.requireUnchanged(b)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("b.csv changed while the night read it");
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }
}
