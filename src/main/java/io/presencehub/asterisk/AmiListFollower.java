package io.presencehub.asterisk;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.slf4j.Logger;

/**
 * What {@link AmiPresenceFollower} and {@link AmiDeviceFollower} share: the {@link AmiListRun} of the current login
 * while it runs, whether its list has been handed over, and where a change event goes (live: into the running list
 * and on to the owner; an item: into the list it belongs to).
 */
final class AmiListFollower<T> {

    private final String name;
    private final Logger log;
    private volatile AmiListRun<T> list;
    /** Whether the list of the current login has been handed over: until then the owner must not write. */
    private volatile boolean listed;

    /**
     * @param name the list action (PresenceStateList, DeviceStateList)
     * @param log  where a failing owner is reported: the follower's own logger
     */
    AmiListFollower(String name, Logger log) {
        this.name = name;
        this.log = log;
    }

    /** Event thread: a Complete event; hands the list over if it is the one of the running list. */
    void complete(AmiListCompleteEvent complete, Consumer<Map<String, T>> owner) {
        AmiListRun<T> running = list;
        if (running != null && running.isFor(complete.getActionId())) {
            // before the hand-over: the owner may start writing as soon as it has taken the list
            listed = true;
            running.complete(complete, owner);
        }
    }

    /**
     * Event thread: a change event. Without an ActionID it is live: newer than any list item before it on the wire,
     * so the list must not undo it, and it goes to {@code owner} (a failure there is logged as {@code ownerFailure}).
     * With the running list's ActionID it is an item of that list; any other is dropped.
     */
    void change(String actionId, String key, T value, BiConsumer<String, T> owner, String ownerFailure) {
        AmiListRun<T> running = list;
        if (actionId == null) {
            if (running != null) {
                running.live(key, value);
            }
            try {
                owner.accept(key, value);
            } catch (RuntimeException e) {
                log.error(ownerFailure, e);
            }
        } else if (running != null && running.isFor(actionId)) {
            running.item(key, value);
        }
    }

    /**
     * Supervisor thread: runs the list action and waits until its list is handed over.
     *
     * @throws AmiRejectedException     if Asterisk answers the action with an error
     * @throws AmiNotConnectedException if the list does not complete in time
     */
    <A extends AbstractManagerAction & EventGeneratingAction> void run(ManagerConnection connection, A action,
                                                                       String actionId, long timeoutMs)
            throws IOException, InterruptedException {
        AmiListRun<T> run = new AmiListRun<>(name, actionId);
        list = run;
        try {
            run.run(connection, action, timeoutMs);
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
