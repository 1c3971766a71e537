package io.presencehub.teams;

import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.model.UserKey;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wording of failed Teams writes: in the log once per failure (not once per user, a Graph outage fails them all)
 * until a write succeeds again, and a rejection in the decision log of the user. Guarded by the writer's lock.
 */
final class TeamsWriteFailures {

    // the writer's logger: the messages read as they did before they moved here
    private static final Logger LOG = LoggerFactory.getLogger(TeamsWriter.class);

    private final DecisionLog decisions;
    private String lastFailure;

    TeamsWriteFailures(DecisionLog decisions) {
        this.decisions = decisions;
    }

    void succeeded() {
        lastFailure = null;
    }

    void retrying(TeamsWrite write, GraphAnswer answer, UserKey user, Duration wait) {
        report("Teams write " + write.kind() + " failed (" + answer.describe() + "); retrying", user, wait);
    }

    /** A permission an admin has yet to grant. */
    void forbidden(TeamsWrite write, GraphAnswer answer, UserKey user, Duration wait) {
        report("Teams write " + write.kind() + " forbidden (" + answer.describe() + "); retrying every "
                + wait.toMinutes() + " min until the permission is granted", user, wait);
    }

    void rejected(TeamsWrite write, GraphAnswer answer, UserKey user) {
        decisions.record(World.TEAMS, user, "Graph rejected " + write.kind() + " (" + answer.describe()
                + "): not retried until the state changes");
        String rejection = "Teams: Graph rejected " + write.kind() + " (" + answer.describe()
                + "); not retried until the user's state changes";
        if (rejection.equals(lastFailure)) {
            LOG.debug("{} (also {})", rejection, user);
        } else {
            LOG.warn("{} (first: {})", rejection, user);
            lastFailure = rejection;
        }
    }

    private void report(String failure, UserKey user, Duration wait) {
        if (!failure.equals(lastFailure)) {
            LOG.warn("{} (first: {}, next try in {} ms)", failure, user, wait.toMillis());
            lastFailure = failure;
        }
    }
}
