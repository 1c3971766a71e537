package io.presencehub.teams;

import io.presencehub.calls.TeamsCall;

import java.util.Collection;

/**
 * Decides from one Graph read whether the user is in a Teams call: the activity is one of
 * {@code hub.teams.call-activities} and no session of the hub's own explains it. The hub's own session (its call
 * session while the user is on the phone, or the Busy/InACall of a DND status) must never count, or a phone call
 * would come back from Teams as a Teams call. Independent of the incoming mapping table.
 */
public final class TeamsCallResolver {

    private final TeamsCallSettings settings;

    public TeamsCallResolver(TeamsCallSettings settings) {
        this.settings = settings;
    }

    /**
     * @param observed what Graph shows
     * @param ownSessions the sessions of the hub's that may show now: the one it holds and those it has just sent or
     *                    replaced (not yet settled by a read)
     */
    public TeamsCall resolve(GraphObservation observed, Collection<SessionPair> ownSessions) {
        if (!settings.isCallActivity(observed.activity()) || ownSessions.stream().anyMatch(observed::showsPair)) {
            return TeamsCall.NONE;
        }
        return TeamsCall.IN_CALL;
    }
}
