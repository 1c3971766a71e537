package io.presencehub.asterisk;

/**
 * A validated presence write: the Setvar variable and value, plus the effective subtype and
 * message, which are exactly what Asterisk will report back in PresenceStateChange (after
 * unescaping), so the hub can recognise its own echo.
 */
public record EncodedPresence(String presentity, String state, String effectiveSubtype, String effectiveMessage,
                              String variable, String value) {

    /** The presence Asterisk will report after this write. */
    public AsteriskPresence expectedEcho() {
        return new AsteriskPresence(presentity, state, effectiveSubtype, effectiveMessage);
    }
}
