package dev.baton.warehouse;

import java.util.regex.Pattern;

/** Names that reach SQL text from files or configuration are checked here, never trusted. */
public final class SqlIdentifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern SETTING = Pattern.compile("[0-9]+(\\.[0-9]+)?\\s*[A-Za-z]{0,3}");

    private SqlIdentifiers() {
    }

    public static String require(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid identifier (lower-case letters, digits, _): '" + name + "'");
        }
        return name;
    }

    static String requireSetting(String value) {
        if (!SETTING.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a valid size setting (e.g. 4GB): '" + value + "'");
        }
        return value;
    }

    public static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
