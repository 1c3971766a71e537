package io.presencehub.teams;

import io.presencehub.model.Origin;
import io.presencehub.model.UserState;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides what Teams should show for a hub state: the session from the session table, no session when the status came
 * from Teams (so the user's own Teams state shows and the hub never argues with it), and the note as status message
 * (return time as its expiry) when notes are synced. While the user is on the phone the session is the call session
 * instead ({@code hub.teams.call-session}, unless {@code none}); the status message still follows the status, because
 * a call changes what the devices do, not what the user wants.
 */
public final class TeamsSessionResolver {

    private final TeamsSessionMapper sessions;
    private final boolean syncNote;
    private final Optional<SessionPair> callSession;

    public TeamsSessionResolver(TeamsSessionMapper sessions, boolean syncNote) {
        this(sessions, syncNote, Optional.empty());
    }

    /** @param callSession the session while on the phone, empty to leave calls out of Teams */
    public TeamsSessionResolver(TeamsSessionMapper sessions, boolean syncNote, Optional<SessionPair> callSession) {
        this.sessions = sessions;
        this.syncNote = syncNote;
        this.callSession = callSession;
    }

    public TeamsTarget targetFor(UserState state) {
        return targetFor(state, false);
    }

    /** What Teams should show for the state, with the user on the phone or not. */
    public TeamsTarget targetFor(UserState state, boolean onThePhone) {
        TeamsTarget.StatusMessage message = null;
        if (syncNote) {
            Instant expiry = state.returnTime() > 0 ? Instant.ofEpochSecond(state.returnTime()) : null;
            String text = state.note().replace("\r\n", "\n");
            message = new TeamsTarget.StatusMessage(text, text.isEmpty() ? null : expiry);
        }
        return new TeamsTarget(session(state, onThePhone), message);
    }

    /** The session alone: the call session while on the phone, else what the status asks. */
    public Optional<SessionPair> session(UserState state, boolean onThePhone) {
        if (onThePhone && callSession.isPresent()) {
            return callSession;
        }
        return state.statusOrigin() == Origin.TEAMS ? Optional.empty() : sessions.map(state.statusType());
    }

    /** The call session, empty when calls do not show in Teams. */
    public Optional<SessionPair> callSession() {
        return callSession;
    }
}
