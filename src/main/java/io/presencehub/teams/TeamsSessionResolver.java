package io.presencehub.teams;

import io.presencehub.model.Origin;
import io.presencehub.model.UserState;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides what Teams should show for a hub state: the session from the session table, no session when the status came
 * from Teams (so the user's own Teams state shows and the hub never argues with it), and the note as status message
 * (return time as its expiry) when notes are synced.
 */
public final class TeamsSessionResolver {

    private final TeamsSessionMapper sessions;
    private final boolean syncNote;

    public TeamsSessionResolver(TeamsSessionMapper sessions, boolean syncNote) {
        this.sessions = sessions;
        this.syncNote = syncNote;
    }

    public TeamsTarget targetFor(UserState state) {
        Optional<SessionPair> session = state.statusOrigin() == Origin.TEAMS ? Optional.empty()
                : sessions.map(state.statusType());
        TeamsTarget.StatusMessage message = null;
        if (syncNote) {
            Instant expiry = state.returnTime() > 0 ? Instant.ofEpochSecond(state.returnTime()) : null;
            String text = state.note().replace("\r\n", "\n");
            message = new TeamsTarget.StatusMessage(text, text.isEmpty() ? null : expiry);
        }
        return new TeamsTarget(session, message);
    }
}
