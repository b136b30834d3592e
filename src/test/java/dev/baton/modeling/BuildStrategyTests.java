package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import dev.baton.modeling.BuildStrategy.Facts;
import org.junit.jupiter.api.Test;

/** How a model is built tonight, chosen from what the build file tells of it, without a build file. */
class BuildStrategyTests {

    private static final Model PER_ACCOUNT_TABLE = model("core", "account_id");
    private static final Model PER_KEY_TABLE = model("core", "ticket_id");
    private static final Model PER_ACCOUNT_VIEW = model("staging", "account_id");
    private static final Model PLAIN_TABLE = model("core", "");

    @Test
    void aModelWhoseSqlOrSettingsChangedIsBuiltWhole() {
        // given
        Facts facts = new Facts(false, Change.NONE, () -> true, true, true);

        // when / then
        assertThat(BuildStrategy.choose(PER_ACCOUNT_TABLE, facts)).isEqualTo(BuildStrategy.WHOLE);
        assertThat(BuildStrategy.choose(PLAIN_TABLE, facts)).isEqualTo(BuildStrategy.WHOLE);
    }

    @Test
    void aModelWhoseInputsDidNotChangeIsKept() {
        // given
        Facts facts = new Facts(true, Change.NONE, () -> true, true, true);

        // when / then
        assertThat(BuildStrategy.choose(PLAIN_TABLE, facts)).isEqualTo(BuildStrategy.KEPT);
        assertThat(BuildStrategy.choose(PER_ACCOUNT_VIEW, facts)).isEqualTo(BuildStrategy.KEPT);
    }

    @Test
    void aModelByKeyIsRebuiltForTheKeysOnlyWhenEveryChangedInputNamedItsRowsByThatKey() {
        // given
        Facts keyed = new Facts(true, Change.ACCOUNTS, () -> true, true, false);
        Facts notKeyed = new Facts(true, Change.ACCOUNTS, () -> false, true, false);

        // when / then
        assertThat(BuildStrategy.choose(PER_KEY_TABLE, keyed)).isEqualTo(BuildStrategy.FOR_KEYS);
        assertThat(BuildStrategy.choose(PER_KEY_TABLE, notKeyed)).isEqualTo(BuildStrategy.WHOLE);
    }

    @Test
    void aTableByAccountIsRebuiltForTheAccountsOnlyWhenItsInputsWithAccountsAreModels() {
        // given
        Facts fromModels = new Facts(true, Change.ACCOUNTS, () -> true, true, false);
        Facts fromLandedRows = new Facts(true, Change.ACCOUNTS, () -> true, false, false);

        // when / then
        assertThat(BuildStrategy.choose(PER_ACCOUNT_TABLE, fromModels)).isEqualTo(BuildStrategy.FOR_ACCOUNTS);
        assertThat(BuildStrategy.choose(PER_ACCOUNT_TABLE, fromLandedRows)).isEqualTo(BuildStrategy.WHOLE);
        // a view filters nothing itself: it is defined again and notes the accounts
        assertThat(BuildStrategy.choose(PER_ACCOUNT_VIEW, fromLandedRows)).isEqualTo(BuildStrategy.FOR_ACCOUNTS);
    }

    @Test
    void aPlainTableThatAModelByAccountReadsIsComparedWithLastNights() {
        // given
        Facts read = new Facts(true, Change.ALL, () -> true, true, true);
        Facts notRead = new Facts(true, Change.ALL, () -> true, true, false);

        // when / then
        assertThat(BuildStrategy.choose(PLAIN_TABLE, read)).isEqualTo(BuildStrategy.WHOLE_AND_COMPARE);
        assertThat(BuildStrategy.choose(PLAIN_TABLE, notRead)).isEqualTo(BuildStrategy.WHOLE);
        assertThat(BuildStrategy.choose(PER_ACCOUNT_TABLE, read)).isEqualTo(BuildStrategy.WHOLE);
    }

    @Test
    void whetherChangesAreKeyedIsAskedOnlyOfAModelByKeyWithSomeAccountsChanged() {
        // given
        Facts asking = new Facts(true, Change.ACCOUNTS, () -> {
            throw new AssertionError("asked");
        }, true, false);

        // when / then
        assertThat(BuildStrategy.choose(PER_ACCOUNT_TABLE, asking)).isEqualTo(BuildStrategy.FOR_ACCOUNTS);
    }

    @Test
    void aModelByMonthIsRebuiltFromAMonthOnlyWhenEveryChangedInputNotedItsMonths() {
        // given
        Model byMonth = new Model("mart_m", "marts", "one row per month (month)", List.of("month"), List.of("a"), "select 1", "",
                false, List.of(), "month");
        Facts noted = new Facts(true, Change.ALL, () -> false, true, false, () -> LocalDate.of(2024, 9, 1));
        Facts notNoted = new Facts(true, Change.ACCOUNTS, () -> false, true, true, () -> null);

        // when / then
        assertThat(BuildStrategy.choose(byMonth, noted)).isEqualTo(BuildStrategy.FROM_MONTH);
        assertThat(BuildStrategy.choose(byMonth, notNoted)).isEqualTo(BuildStrategy.WHOLE_AND_COMPARE);
        // a model without the header ignores noted months
        assertThat(BuildStrategy.choose(PLAIN_TABLE, noted)).isEqualTo(BuildStrategy.WHOLE);
    }

    @Test
    void theRecordedValuesAreTheLedgersColumnValues() {
        assertThat(List.of(BuildStrategy.values())).extracting(BuildStrategy::recorded)
                .containsExactly("kept", "keys", "accounts", "months", "full", "full");
        assertThat(BuildStrategy.ofRecorded("full")).isEqualTo(BuildStrategy.WHOLE);
        assertThat(Change.ofRecorded("none")).isEqualTo(Change.NONE);
    }

    private static Model model(String layer, String incrementalBy) {
        return new Model("m", layer, "one row per thing (thing_id)", List.of("thing_id"), List.of("a"), "select 1", incrementalBy);
    }
}
