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
    private volatile AmiListRun<AsteriskPresence> list;
    /** Whether the list of the current login has been handed over: until then the owner must not write. */
    private volatile boolean listed;

    AmiPresenceFollower(Consumer<AsteriskPresence> onChange, Consumer<List<AsteriskPresence>> onSnapshot) {
        this.onChange = onChange;
        this.onSnapshot = onSnapshot;
    }

    /** Event thread: takes the event if it is about presence; returns whether it was. Never blocks. */
    boolean handles(ManagerEvent event) {
        AmiListRun<AsteriskPresence> running = list;
        if (event instanceof PresenceStateListCompleteEvent complete) {
            if (running != null && running.isFor(complete.getActionId())) {
                // before the hand-over: the owner may start writing as soon as it has taken the list
                listed = true;
                running.complete(complete, items -> onSnapshot.accept(List.copyOf(items.values())));
            }
            return true;
        }
        if (!(event instanceof PresenceStateChangeEvent change)) {
            return false;
        }
        AsteriskPresence presence = AsteriskPresenceTranslator.translate(change);
        if (change.getActionId() == null) {
            if (running != null) {
                // newer than any list item before it on the wire: the snapshot must not undo it
                running.live(presence.presentity(), presence);
            }
            try {
                onChange.accept(presence);
            } catch (RuntimeException e) {
                LOG.error("AMI presence consumer failed", e);
            }
        } else if (running != null && running.isFor(change.getActionId())) {
            running.item(presence.presentity(), presence);
        }
        return true;
    }

    /** Supervisor thread: runs PresenceStateList and waits until its snapshot is handed to the owner. */
    void resync(ManagerConnection connection, String actionId, long timeoutMs) throws IOException, InterruptedException {
        AmiListRun<AsteriskPresence> run = new AmiListRun<>("PresenceStateList", actionId);
        list = run;
        try {
            run.run(connection, new PresenceStateListAction(), timeoutMs);
        } finally {
            list = null;
        }
    }

    /** A new login begins: writes wait for its list. */
    void forgetList() {
        listed = false;
    }

    /** Whether the list of the current login has been handed over. */
    boolean listed() {
        return listed;
    }
}
