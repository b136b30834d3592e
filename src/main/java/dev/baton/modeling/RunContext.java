package dev.baton.modeling;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import dev.baton.warehouse.BatonProperties.Metrics;
import dev.baton.warehouse.BatonProperties.SettingValue;

/**
 * The {@code run_context} table the models read: the run date and every metric setting, one column per component of
 * the {@link Metrics} record, made anew each night from the record. So a new setting is the record, the SQL that reads
 * it and the docs: no migration, no INSERT to extend. The naming rule: a component {@code ltvChurnWindowMonths}
 * is column {@code ltv_churn_window_months}; a String or a {@link SettingValue} is varchar (an enum written as its
 * setting value), an int integer, a BigDecimal (a share) decimal(9, 4).
 */
final class RunContext {

    static final String TABLE = "run_context";

    /** One column of run_context, with tonight's value. */
    record Column(String name, String type, Object value) {
    }

    private RunContext() {
    }

    /** The columns in order: run_date, then the settings in the record's order. */
    static List<Column> columns(LocalDate runDate, Metrics metrics) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("run_date", "date", runDate));
        for (RecordComponent component : Metrics.class.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(metrics);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read setting " + component.getName(), e);
            }
            columns.add(new Column(columnName(component.getName()), type(component), value instanceof SettingValue setting
                    ? setting.settingValue() : value));
        }
        return columns;
    }

    /** Replaces run_context with one row: this run date and these settings. */
    static void write(Connection connection, LocalDate runDate, Metrics metrics) throws SQLException {
        List<Column> columns = columns(runDate, metrics);
        StringJoiner definitions = new StringJoiner(", ");
        StringJoiner placeholders = new StringJoiner(", ");
        for (Column column : columns) {
            definitions.add(column.name() + " " + column.type() + " not null");
            placeholders.add("?");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace table " + TABLE + " (" + definitions + ")");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + " values (" + placeholders + ")")) {
            for (int i = 0; i < columns.size(); i++) {
                insert.setObject(i + 1, columns.get(i).value());
            }
            insert.executeUpdate();
        }
    }

    static String columnName(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static String type(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == String.class || SettingValue.class.isAssignableFrom(type)) {
            return "varchar";
        }
        if (type == int.class || type == Integer.class) {
            return "integer";
        }
        if (type == BigDecimal.class) {
            return "decimal(9, 4)";
        }
        throw new IllegalStateException("setting " + component.getName() + " is a " + type.getSimpleName()
                + "; run_context takes a String, an enum implementing SettingValue, an int or a BigDecimal");
    }
}
