package io.presencehub.calls;

import io.presencehub.model.UserKey;

/**
 * Told when a user's call state changes; called on the thread that reported the change (the Asterisk inbox or a
 * Teams poll), with no lock held, so it must only record what is owed and return.
 */
public interface CallListener {

    /** The user went on or off the phone (any of their Asterisk devices busy, or none). */
    default void phoneChanged(UserKey user, boolean onThePhone) {
    }

    /** What the hub knows of the user's Teams call changed. */
    default void teamsCallChanged(UserKey user, TeamsCall call) {
    }
}
