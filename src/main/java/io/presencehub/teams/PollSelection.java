package io.presencehub.teams;

import java.time.Duration;
import java.util.List;

/** Which users a poll cycle reads: everyone, or with push only those whose changes are not pushed (plus a reconcile). */
public interface PollSelection {

    /** Every user, every cycle: polling only. */
    PollSelection EVERYONE = new PollSelection() {
        @Override
        public List<String> due(List<String> ids) {
            return ids;
        }

        @Override
        public boolean pushed(String graphId) {
            return false;
        }

        @Override
        public Duration pushedReadInterval() {
            return Duration.ZERO;
        }
    };

    /** The Graph ids to read this cycle, out of all matched ones. */
    List<String> due(List<String> ids);

    /** Whether a change of this user would be pushed now, so an unchanged read is no reason to doubt the last one. */
    boolean pushed(String graphId);

    /** How often a pushed user is read all the same (the reconciling poll). */
    Duration pushedReadInterval();
}
