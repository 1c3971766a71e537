package io.presencehub.teams;

import java.util.ArrayList;
import java.util.List;

/** Splits a properties-like mapping text ({@code key=value}, separated by newlines, commas or semicolons). */
final class MappingEntries {

    /** One {@code key=value} entry, with the original text kept for error messages. */
    record Entry(String key, String value, String original) {
    }

    private MappingEntries() {
    }

    /** Blank pieces and {@code #} comments are skipped; a piece without '=' or with an empty side is an error. */
    static List<Entry> split(String text) {
        List<Entry> entries = new ArrayList<>();
        if (text == null) {
            return entries;
        }
        for (String line : text.split("\\R")) {
            int comment = line.indexOf('#');
            String content = comment >= 0 ? line.substring(0, comment) : line;
            for (String piece : content.split("[,;]")) {
                String original = piece.trim();
                if (original.isEmpty()) {
                    continue;
                }
                int eq = original.indexOf('=');
                if (eq <= 0 || eq == original.length() - 1) {
                    throw new TeamsMappingException("Teams mapping entry '" + original
                            + "' is not of the form key=value");
                }
                entries.add(new Entry(original.substring(0, eq).trim(), original.substring(eq + 1).trim(), original));
            }
        }
        return entries;
    }
}
