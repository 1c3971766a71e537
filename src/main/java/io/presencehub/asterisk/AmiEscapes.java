package io.presencehub.asterisk;

/**
 * Undoes the C escaping ({@code ast_escape_c}) Asterisk applies to Subtype and Message of
 * PresenceStateChange events.
 */
public final class AmiEscapes {
    private AmiEscapes() {
    }

    /**
     * Replaces {@code \n \r \t \\ \' \" \? \a \b \f \v} by the character they stand for. Asterisk
     * always escapes a backslash, so any other backslash sequence cannot come from Asterisk and is
     * kept as it is rather than guessed at. Null becomes the empty string.
     */
    public static String unescape(String escaped) {
        if (escaped == null || escaped.isEmpty()) {
            return "";
        }
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        int i = 0;
        while (i < escaped.length()) {
            char c = escaped.charAt(i);
            if (c != '\\' || i + 1 == escaped.length()) {
                out.append(c);
                i++;
                continue;
            }
            char replacement = replacementFor(escaped.charAt(i + 1));
            if (replacement == 0) {
                out.append(c);
                i++;
            } else {
                out.append(replacement);
                i += 2;
            }
        }
        return out.toString();
    }

    private static char replacementFor(char code) {
        return switch (code) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'v' -> '\u000B';
            case '\\' -> '\\';
            case '\'' -> '\'';
            case '"' -> '"';
            case '?' -> '?';
            default -> 0;
        };
    }
}
