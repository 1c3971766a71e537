package io.presencehub.asterisk;

import io.presencehub.store.Observation;
import io.presencehub.store.ObservationFormatException;
import java.time.Instant;
import java.util.Objects;

/**
 * What Asterisk last showed for one presentity and when the hub saw it change. The time is kept
 * across restarts, so the {@code latest} incoming method gives the same answer after one.
 */
public record AsteriskObservation(String presentity, String state, String subtype, String message, Instant observedAt) {

    /** Store kind of Asterisk's observed presence, keyed by presentity. */
    public static final String KIND = "asterisk";
    /** Store kind of the last value the hub wrote to a presentity, with the time it was written. */
    public static final String KIND_WRITTEN = "asterisk-written";
    /** Store kind of a value the hub still has to write (AMI was down); an empty value means none. */
    public static final String KIND_PENDING = "asterisk-pending";

    public AsteriskObservation {
        Objects.requireNonNull(presentity, "presentity");
        state = state == null ? "" : state;
        subtype = subtype == null ? "" : subtype;
        message = message == null ? "" : message;
        Objects.requireNonNull(observedAt, "observedAt");
    }

    public static AsteriskObservation of(AsteriskPresence presence, Instant observedAt) {
        return new AsteriskObservation(presence.presentity(), presence.state(), presence.subtype(), presence.message(),
                observedAt);
    }

    /** A presentity Asterisk does not list: it was never set. */
    public static AsteriskObservation notSet(String presentity, Instant observedAt) {
        return new AsteriskObservation(presentity, "not_set", "", "", observedAt);
    }

    public AsteriskPresence presence() {
        return new AsteriskPresence(presentity, state, subtype, message);
    }

    /** Same state, subtype and message (the time does not matter). */
    public boolean sameValue(AsteriskPresence other) {
        return other != null && state.equals(other.state()) && subtype.equals(other.subtype())
                && message.equals(other.message());
    }

    public AsteriskObservation at(Instant time) {
        return new AsteriskObservation(presentity, state, subtype, message, time);
    }

    /** As stored, in the text of {@link AsteriskObservationCodec}. */
    public Observation toStored(String kind) {
        return new Observation(kind, presentity, AsteriskObservationCodec.encode(this), observedAt);
    }

    /** Reads a stored observation; no value (a withdrawn pending write) or an unreadable one gives null. */
    public static AsteriskObservation fromStored(Observation stored) {
        try {
            return AsteriskObservationCodec.decode(stored.key(), stored.value(), stored.observedAt()).orElse(null);
        } catch (ObservationFormatException e) {
            return null;
        }
    }
}
