package io.presencehub.asterisk;

import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.util.Optional;

/** What the incoming side needs to know about the hub's writes to Asterisk. */
public interface OutgoingState {

    /**
     * The hub still has to write this presentity (queued, being sent, or kept while AMI was down). A write that
     * Asterisk has already reported back is not pending any more, even while the writer is still finishing it.
     */
    boolean hasPending(String presentity);

    /** The last value the hub wrote to the presentity, with the time it was written. */
    Optional<AsteriskObservation> lastWritten(String presentity);

    /** Writes the user's current hub state to Asterisk again (Asterisk shows something older). */
    void rewrite(UserKey user);

    /**
     * The user's stored state is a change the hub has not finished writing to Asterisk: a target
     * presentity was last written before the change (or never), e.g. the hub was killed after
     * storing the change and before its Setvar.
     */
    boolean owes(UserKey user, UserState state);
}
