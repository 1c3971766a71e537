package io.presencehub.asterisk;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence half of {@link AmiConnection}: translates PresenceStateChange events (live, or items of the
 * PresenceStateList after a login) and hands them to the owner on asterisk-java's event thread, in Asterisk's order,
 * and runs that list for the supervisor.
 */
final class AmiPresenceFollower {

    private static final Logger LOG = LoggerFactory.getLogger(AmiPresenceFollower.class);

    private final Consumer<AsteriskPresence> onChange;
    private final Consumer<List<AsteriskPresence>> onSnapshot;
    private final AmiListFollower<AsteriskPresence> list = new AmiListFollower<>("PresenceStateList", LOG);

    AmiPresenceFollower(Consumer<AsteriskPresence> onChange, Consumer<List<AsteriskPresence>> onSnapshot) {
        this.onChange = onChange;
        this.onSnapshot = onSnapshot;
    }

    /** Event thread: takes the event if it is about presence; returns whether it was. Never blocks. */
    boolean handles(ManagerEvent event) {
        if (event instanceof PresenceStateListCompleteEvent complete) {
            list.complete(complete, items -> onSnapshot.accept(List.copyOf(items.values())));
            return true;
        }
        if (!(event instanceof PresenceStateChangeEvent change)) {
            return false;
        }
        AsteriskPresence presence = AsteriskPresenceTranslator.translate(change);
        list.change(change.getActionId(), presence.presentity(), presence, (presentity, live) -> onChange.accept(live),
                "AMI presence consumer failed");
        return true;
    }

    /** Supervisor thread: runs PresenceStateList and waits until its snapshot is handed to the owner. */
    void resync(ManagerConnection connection, String actionId, long timeoutMs) throws IOException, InterruptedException {
        list.run(connection, new PresenceStateListAction(), actionId, timeoutMs);
    }

    /** A new login begins: writes wait for its list. */
    void forgetList() {
        list.forgetList();
    }

    /** Whether the list of the current login has been handed over. */
    boolean listed() {
        return list.listed();
    }
}
