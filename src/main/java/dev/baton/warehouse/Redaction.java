package dev.baton.warehouse;

import java.util.regex.Pattern;

/**
 * Hides credentials in text that is printed or stored (error messages, run history): the password of a JDBC URL's
 * {@code //user:password@host} part and the value of any {@code password=}, {@code pwd=}, {@code secret=},
 * {@code token=} or {@code key=} parameter. A driver's "No suitable driver found for &lt;url&gt;" repeats the URL as
 * given, password included.
 */
public final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(//[^/@\\s:;]*):[^@\\s/]*@");
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)\\b((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|key)\\s*=\\s*)[^&;,\\s)]*");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return PARAMETER.matcher(USER_INFO.matcher(text).replaceAll("$1:***@")).replaceAll("$1***");
    }
}
