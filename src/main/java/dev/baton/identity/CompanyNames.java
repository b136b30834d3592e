package dev.baton.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The normalised form two systems' spellings of one company share: case, accents and punctuation dropped, "&" read
 * as "and", and trailing legal forms removed ("Acme, Inc." = "ACME Inc" = "acme"). Dots are removed without a space,
 * so "K.K." and "S.A." read as the legal forms kk and sa.
 */
final class CompanyNames {

    private static final Set<String> LEGAL_FORMS = Set.of("inc", "incorporated", "ltd", "limited", "llc", "llp", "lp",
            "corp", "corporation", "co", "company", "plc", "gmbh", "mbh", "ag", "kg", "kk", "kabushiki", "kaisha", "sa",
            "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "oyj", "ab", "as", "asa", "aps", "pty", "pte", "pvt", "sl",
            "sro", "kft", "zrt", "doo", "sp", "zoo", "gk", "yk");

    private CompanyNames() {
    }

    /** The normalised name, or null when nothing but punctuation and legal forms is left. */
    static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replace("&", " and ")
                .replace(".", "")
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        if (text.isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>(Arrays.asList(text.split(" ")));
        while (words.size() > 1 && LEGAL_FORMS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        // "Kabushiki Kaisha Acme": the Japanese legal form may lead
        while (words.size() > 1 && (words.get(0).equals("kabushiki") || words.get(0).equals("kaisha") || words.get(0).equals("kk"))) {
            words.remove(0);
        }
        return String.join(" ", words);
    }
}
