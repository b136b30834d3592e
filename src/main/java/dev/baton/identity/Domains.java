package dev.baton.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Web and e-mail domains in one form ({@code https://www.Acme.com/about} and {@code ops@acme.com} are both
 * {@code acme.com}), and the free-mail domains that say nothing about which company a person works for.
 */
final class Domains {

    private static final String FREE_MAIL = "/identity/free-mail-domains.txt";

    private Domains() {
    }

    /** The bare lower-case host, or null when there is none. */
    static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            text = text.substring(at + 1);
        }
        int scheme = text.indexOf("://");
        if (scheme >= 0) {
            text = text.substring(scheme + 3);
        }
        int end = indexOfAny(text, "/?#:");
        if (end >= 0) {
            text = text.substring(0, end);
        }
        if (text.startsWith("www.")) {
            text = text.substring(4);
        }
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.contains(".") ? text : null;
    }

    /** The shipped list (one domain a line, # comments), see its header for where it comes from. */
    static Set<String> freeMail() {
        try (InputStream in = Domains.class.getResourceAsStream(FREE_MAIL)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + FREE_MAIL);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
