package io.presencehub.teams;

import io.presencehub.model.StateChange;

/**
 * The Teams step of route {@code presence-state-fanout}: hands a stored change to the Teams writer, which only queues
 * it. A change that came from Teams still goes there: the writer then clears the hub's own session. Does nothing while
 * Teams sync is disabled.
 */
public final class TeamsFanout {

    private final TeamsWriter writer;

    private TeamsFanout(TeamsWriter writer) {
        this.writer = writer;
    }

    public static TeamsFanout to(TeamsWriter writer) {
        return new TeamsFanout(writer);
    }

    public static TeamsFanout disabled() {
        return new TeamsFanout(null);
    }

    public void stateChanged(StateChange change) {
        if (writer != null) {
            writer.stateChanged(change);
        }
    }
}
