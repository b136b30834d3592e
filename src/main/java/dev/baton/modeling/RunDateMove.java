package dev.baton.modeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

/**
 * What moving the run date within a month changes, now that the run month is valued on the run date
 * (docs/metrics.md): the accounts with a subscription starting or ending between last night's run date and
 * tonight's, and everything when an fx rate is dated in between. Models built per account that read
 * {@code run_context} are rebuilt for those accounts; other models keep ignoring the day (a new month changes the
 * settings fingerprint and rebuilds everything; the run on the month's last day rebuilds the models reporting
 * {@code is_partial_month}).
 */
final class RunDateMove {

    /** The input whose changes in night_changes are the accounts the move touches. */
    private static final String INPUT = "run_context";

    private static final RunDateMove NONE = new RunDateMove(false, false);

    private final boolean accountsMoved;
    private final boolean ratesMoved;

    private RunDateMove(boolean accountsMoved, boolean ratesMoved) {
        this.accountsMoved = accountsMoved;
        this.ratesMoved = ratesMoved;
    }

    /**
     * Notes in night_changes the accounts the move from {@code lastRunDate} to {@code runDate} touches; nothing when
     * there is no earlier build of the same month on another day.
     */
    static RunDateMove between(BuildLedger ledger, Connection connection, LocalDate lastRunDate, LocalDate runDate, Set<String> tables)
            throws SQLException {
        ledger.forgetChanges(INPUT);
        if (lastRunDate == null || lastRunDate.equals(runDate) || !YearMonth.from(lastRunDate).equals(YearMonth.from(runDate))
                || !tables.contains("fct_subscription_period")) {
            return NONE;
        }
        LocalDate from = lastRunDate.isBefore(runDate) ? lastRunDate : runDate;
        LocalDate to = lastRunDate.isBefore(runDate) ? runDate : lastRunDate;
        // a row in force on one day and not the other starts or ends after the earlier day and on or before the later
        int accounts = ledger.noteAccounts(INPUT, """
                select distinct account_id from main.fct_subscription_period
                where (start_date > ? and start_date <= ?) or (effective_end_date > ? and effective_end_date <= ?)""", from, to, from, to);
        boolean rates;
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from main.landed_fx_rates where date > ? and date <= ?")) {
            query.setObject(1, from);
            query.setObject(2, to);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                rates = rows.getLong(1) > 0;
            }
        }
        return new RunDateMove(accounts > 0, rates);
    }

    /** How the move changes run_context for this model. */
    Change changeFor(Model model) {
        if (ratesMoved) {
            return Change.ALL;
        }
        return accountsMoved && model.perAccount() ? Change.ACCOUNTS : Change.NONE;
    }
}
