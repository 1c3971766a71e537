package io.presencehub.asterisk;

/**
 * A header value exactly as asterisk-java read it.
 *
 * <p>asterisk-java turns String header values such as "none", "unknown" or "n/a" into null
 * (AstUtil's null literals). A presence message may legitimately be one of those words, so the
 * custom events take this type instead of String: asterisk-java then calls the String constructor
 * and passes the text through untouched.
 */
public record AmiText(String text) {
    public AmiText {
        text = text == null ? "" : text;
    }

    @Override
    public String toString() {
        return text;
    }
}
