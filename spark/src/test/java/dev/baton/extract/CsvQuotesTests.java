package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One CSV line's quotes, read alone: what tells the Spark extract where a stray quote may have merged records. */
class CsvQuotesTests {

    @Test
    void properlyQuotedValuesAndEscapedQuotesAreClean() {
        assertThat(CsvQuotes.scan("A1,Acme,smb", ',', false).kind()).isEqualTo(CsvQuotes.Kind.CLEAN);
        assertThat(CsvQuotes.scan("A1,\"Acme, Inc.\",smb", ',', false).kind()).isEqualTo(CsvQuotes.Kind.CLEAN);
        assertThat(CsvQuotes.scan("A1,\"the \"\"best\"\" one\",\"\"", ',', false).kind()).isEqualTo(CsvQuotes.Kind.CLEAN);
        assertThat(CsvQuotes.scan("T1;\"open; waiting\"\r", ';', false).kind()).isEqualTo(CsvQuotes.Kind.CLEAN);
    }

    @Test
    void aQuoteLeftOpenNamesTheFieldItOpenedIn() {
        // given: the third field (index 2) opens a quote the line does not close
        CsvQuotes.Scan scan = CsvQuotes.scan("A3,Gamma,\"smb,2024-01-01", ',', false);

        assertThat(scan).isEqualTo(new CsvQuotes.Scan(CsvQuotes.Kind.OPEN, 2));
    }

    @Test
    void strayQuotesNameTheFieldTheyAreIn() {
        assertThat(CsvQuotes.scan("A23,\"Nu\"x,smb", ',', false)).isEqualTo(new CsvQuotes.Scan(CsvQuotes.Kind.TEXT_AFTER_CLOSE, 1));
        assertThat(CsvQuotes.scan("A23,smb,Ep\"silon", ',', false)).isEqualTo(new CsvQuotes.Scan(CsvQuotes.Kind.QUOTE_IN_VALUE, 2));
    }

    @Test
    void aLineInsideAnOpenQuoteClosesItOrNot() {
        // the line after A21,"Lambda: Mu" closes the value, then two more fields
        assertThat(CsvQuotes.scan("A22,Mu\",smb,2024-01-01", ',', true).kind()).isEqualTo(CsvQuotes.Kind.CLEAN);
        assertThat(CsvQuotes.scan("A22,Mu,smb", ',', true).kind()).isEqualTo(CsvQuotes.Kind.OPEN);
        // read alone, the same closing line has a quote inside an unquoted value
        assertThat(CsvQuotes.scan("A22,Mu\",smb,2024-01-01", ',', false).kind()).isEqualTo(CsvQuotes.Kind.QUOTE_IN_VALUE);
    }

    @Test
    void aCrlfLineEndIsNoPartOfTheLine() {
        // a CRLF file is read up to each \n: the \r left at the end is the line end, not text after a closing quote
        assertThat(CsvQuotes.scan("A1,\"Acme\"\r", ',', false).kind()).isEqualTo(CsvQuotes.Kind.CLEAN);
        assertThat(CsvQuotes.scan("A1,\"Acme\r", ',', false)).isEqualTo(new CsvQuotes.Scan(CsvQuotes.Kind.OPEN, 1));
        assertThat(CsvQuotes.content("A1,Acme\r")).isEqualTo("A1,Acme");
    }

    @Test
    void aCarriageReturnInsideALineOrBytesThatWereNotUtf8AreLeftToDuckDb() {
        // a lone \r may end a record for DuckDB; U+FFFD is what Spark reads for a byte that is not UTF-8 (Latin-1 é, 0xE9)
        assertThat(CsvQuotes.scan("A1,Ac\rme,smb", ',', false).kind()).isEqualTo(CsvQuotes.Kind.UNSURE);
        assertThat(CsvQuotes.scan("A1,Caf\uFFFD,smb", ',', false).kind()).isEqualTo(CsvQuotes.Kind.UNSURE);
        assertThat(CsvQuotes.scan("A1,Caf\u00e9,smb", ',', false).kind()).isEqualTo(CsvQuotes.Kind.CLEAN);
    }
}
