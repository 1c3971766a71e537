package io.presencehub.asterisk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the Setvar for {@code PRESENCE_STATE(<presentity>)} as {@code <state>,<b64 subtype>,<b64 message>,e}.
 *
 * <p>Asterisk answers every bad value with the same opaque "Variable not set", so everything is
 * validated here first. The {@code e} option is always used: it is the only way a comma can be part
 * of a subtype or message.
 */
public final class PresenceValueEncoder {
    /** Asterisk cuts decoded subtype and message to this many bytes in its events. */
    public static final int MAX_FIELD_BYTES = 255;
    public static final String PROVIDER_PREFIX = "CustomPresence:";
    private static final Set<String> STATES =
            Set.of("available", "chat", "away", "xa", "dnd", "unavailable", "not_set");

    private PresenceValueEncoder() {
    }

    /** Validates and encodes one write; throws {@link InvalidPresenceException} naming the bad part. */
    public static EncodedPresence encode(String presentity, String state, String subtype, String message) {
        validatePresentity(presentity);
        String normalisedState = validateState(state);
        String effectiveSubtype = effective(subtype);
        String effectiveMessage = effective(message);
        String value = normalisedState + ',' + base64(effectiveSubtype) + ',' + base64(effectiveMessage) + ",e";
        return new EncodedPresence(presentity, normalisedState, effectiveSubtype, effectiveMessage,
                "PRESENCE_STATE(" + presentity + ")", value);
    }

    /**
     * What Asterisk will report for this subtype or message: line breaks become one space (a raw
     * CR or LF breaks AMI framing for every client once Asterisk decodes it), the text is cut to
     * 255 UTF-8 bytes on a character boundary, and leading/trailing blanks that asterisk-java trims
     * from header values are removed.
     */
    public static String effective(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String singleLine = replaceLoneSurrogates(text).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
        return trimLikeAmiReader(cutToUtf8Bytes(trimLikeAmiReader(singleLine), MAX_FIELD_BYTES));
    }

    /** Java's UTF-8 encoder writes a lone surrogate as '?'; do it up front so the effective text is what is sent. */
    private static String replaceLoneSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** The longest prefix of {@code text} whose UTF-8 form fits in {@code maxBytes}; never splits a code point. */
    public static String cutToUtf8Bytes(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = utf8Length(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return text.substring(0, i);
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        if (codePoint < 0x10000) {
            return 3;
        }
        return 4;
    }

    /**
     * asterisk-java trims header values with String.trim(). Asterisk escapes TAB, BEL, BS, FF and VT
     * as two visible characters, so those survive at the edges; other blanks and control characters do not.
     */
    private static String trimLikeAmiReader(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && lostAtEdge(text.charAt(start))) {
            start++;
        }
        while (end > start && lostAtEdge(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean lostAtEdge(char c) {
        return c <= ' ' && c != '\t' && c != '\u0007' && c != '\b' && c != '\f' && c != '\u000B';
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String validateState(String state) {
        if (state == null || state.isEmpty()) {
            throw new InvalidPresenceException("Presence state is empty; expected one of " + sortedStates());
        }
        String lower = state.toLowerCase(Locale.ROOT);
        if (!STATES.contains(lower)) {
            throw new InvalidPresenceException(
                    "Presence state '" + state + "' is not one Asterisk accepts; expected one of " + sortedStates());
        }
        return lower;
    }

    private static void validatePresentity(String presentity) {
        if (presentity == null || !presentity.startsWith(PROVIDER_PREFIX)) {
            throw new InvalidPresenceException(
                    "Presentity '" + presentity + "' must start with '" + PROVIDER_PREFIX + "'");
        }
        String name = presentity.substring(PROVIDER_PREFIX.length());
        if (name.isEmpty()) {
            throw new InvalidPresenceException("Presentity '" + presentity + "' has no name after '" + PROVIDER_PREFIX + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // commas and parentheses end the PRESENCE_STATE(...) argument; '&' means an aggregate of providers
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == ',' || c == '(' || c == ')' || c == '&') {
                throw new InvalidPresenceException("Presentity '" + presentity
                        + "' contains a character Asterisk cannot take in a presentity name: "
                        + String.format("U+%04X", (int) c));
            }
        }
    }

    private static String sortedStates() {
        return "available, chat, away, xa, dnd, unavailable, not_set";
    }
}
