package io.presencehub.asterisk;

import java.util.Locale;

/** Turns asterisk-java's {@link PresenceStateChangeEvent} into the hub's {@link AsteriskPresence}. */
public final class AsteriskPresenceTranslator {
    private AsteriskPresenceTranslator() {
    }

    /** Unescapes subtype and message; the state is lower-cased as Asterisk already sends it. */
    public static AsteriskPresence translate(PresenceStateChangeEvent event) {
        String status = event.getStatus() == null ? "" : event.getStatus().toLowerCase(Locale.ROOT);
        return new AsteriskPresence(
                event.getPresentity() == null ? "" : event.getPresentity(),
                status,
                AmiEscapes.unescape(text(event.getSubtype())),
                AmiEscapes.unescape(text(event.getMessage())));
    }

    private static String text(AmiText value) {
        return value == null ? "" : value.text();
    }
}
