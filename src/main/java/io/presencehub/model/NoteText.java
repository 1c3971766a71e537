package io.presencehub.model;

/**
 * The one rule for text that reaches every status client's screen: no control characters. A clean
 * text holds no C0 control (U+0000–U+001F) except tab and line feed, no DEL (U+007F) and no C1
 * control (U+0080–U+009F); a line break is one line feed. An ESC or BEL sent verbatim to a telnet
 * panel would clear or recolour it, and a CR would break the line framing of the status protocol.
 * The status interface rejects what is not clean; the other worlds clean it.
 */
public final class NoteText {

    /** The longest note the hub takes, in characters (the web API refuses longer ones, Teams' are cut to it). */
    public static final int MAX_LENGTH = 4000;

    private NoteText() {
    }

    /** The text cut to {@link #MAX_LENGTH} characters, never between the two halves of a surrogate pair. */
    public static String limit(String text) {
        if (text == null || text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return text.substring(0, end);
    }

    /** The index of the first character a clean text may not hold (a CR counts), or -1 when it is clean. */
    public static int indexOfControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isClean(String text) {
        return indexOfControl(text) < 0;
    }

    /** Line breaks (CR LF, lone CR) become a line feed; every other control character is removed. */
    public static String clean(String text) {
        if (text == null || isClean(text)) {
            return text;
        }
        String lineFeeds = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(lineFeeds.length());
        for (int i = 0; i < lineFeeds.length(); i++) {
            char c = lineFeeds.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
    }
}
