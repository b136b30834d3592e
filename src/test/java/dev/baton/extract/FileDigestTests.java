package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.warehouse.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A landing file's checksum and line count from one pass, and when its rows can be numbered by position. */
class FileDigestTests {

    @TempDir
    Path folder;

    @Test
    void theChecksumIsTheFilesSha256() throws IOException {
        // given
        Path file = write("a.csv", "id,name\n1,x\n");

        // when
        FileDigest digest = FileDigest.of(file);

        // then
        assertThat(digest.checksum()).isEqualTo(Sha256.hex(file));
    }

    @Test
    void aLastLineWithoutABreakCountsAndCrLfIsOneBreak() throws IOException {
        // given / when / then: header + 2 rows is 3 lines, with or without the final break, LF or CRLF
        assertThat(FileDigest.of(write("lf.csv", "id\n1\n2\n")).lines()).isEqualTo(3);
        assertThat(FileDigest.of(write("open.csv", "id\n1\n2")).lines()).isEqualTo(3);
        FileDigest crLf = FileDigest.of(write("crlf.csv", "id\r\n1\r\n2\r\n"));
        assertThat(crLf.lines()).isEqualTo(3);
        assertThat(crLf.bareCarriageReturn()).isFalse();
        assertThat(FileDigest.of(write("empty.csv", "")).lines()).isZero();
    }

    @Test
    void onlyAFileWithOneLinePerRowIsNumberedByPosition() throws IOException {
        // given / when / then: 2 rows on lines 2 and 3
        assertThat(FileDigest.of(write("clean.csv", "id,note\n1,a\n2,b\n")).oneLinePerRecord(2)).isTrue();
        // a blank line: 4 lines for 2 rows
        assertThat(FileDigest.of(write("blank.csv", "id,note\n1,a\n\n2,b\n")).oneLinePerRecord(2)).isFalse();
        // a quoted value over two lines: 4 lines for 2 rows
        assertThat(FileDigest.of(write("quoted.csv", "id,note\n1,\"a\nb\"\n2,b\n")).oneLinePerRecord(2)).isFalse();
        // old Mac line ends (CR only): no line break for the count to see, so it proves nothing
        FileDigest cr = FileDigest.of(write("cr.csv", "id,note\r1,a\r"));
        assertThat(cr.bareCarriageReturn()).isTrue();
        assertThat(cr.oneLinePerRecord(0)).isFalse();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }
}
