package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which unknown delivery columns are taken for a renamed contract column. */
class ColumnCheckTests {

    @Test
    void aNameContainingTheContractNameOrAFewEditsAwayIsSimilar() {
        assertThat(ColumnCheck.similar("amount", "deal_amount")).isTrue();
        assertThat(ColumnCheck.similar("amount", "Amount (USD)")).isTrue();
        // 1 edit over 7 letters
        assertThat(ColumnCheck.similar("amount", "ammount")).isTrue();
        // closedat, closedt: 1 edit over 8 letters
        assertThat(ColumnCheck.similar("closed_at", "close_dt")).isTrue();
    }

    @Test
    void shortOrUnrelatedNamesAreNot() {
        assertThat(ColumnCheck.similar("owner", "region")).isFalse();
        // "id" is inside too many names: containment needs 4 letters
        assertThat(ColumnCheck.similar("id", "paid_flag")).isFalse();
        // iswon, wonreason: 7 edits over 9 letters
        assertThat(ColumnCheck.similar("is_won", "won_reason")).isFalse();
    }
}
