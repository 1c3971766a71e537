package io.presencehub.asterisk;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One list action after a login (PresenceStateList, DeviceStateList): its items, collected by key on asterisk-java's
 * event thread, and the hand-over of the whole list to the owner at its Complete event, on that same thread, so that
 * the list stays in order with the live changes around it. A live change arriving while the list runs replaces the
 * item: the later one on the wire is the newer.
 */
final class AmiListRun<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AmiListRun.class);

    private final String name;
    private final String actionId;
    private final Map<String, T> items = new LinkedHashMap<>();
    private final CompletableFuture<Boolean> handedOver = new CompletableFuture<>();

    AmiListRun(String name, String actionId) {
        this.name = name;
        this.actionId = actionId;
    }

    /** Whether an event with this ActionID belongs to this list. */
    boolean isFor(String eventActionId) {
        return actionId.equals(eventActionId);
    }

    /** Event thread: one item of the list. */
    void item(String key, T value) {
        items.put(key, value);
    }

    /** Event thread: a live change; while the list is still collecting it replaces the item. */
    void live(String key, T value) {
        if (!handedOver.isDone()) {
            items.put(key, value);
        }
    }

    /** Event thread: the Complete event; hands the list over and tells the waiting supervisor whether that worked. */
    void complete(AmiListCompleteEvent complete, Consumer<Map<String, T>> owner) {
        Map<String, T> list = Collections.unmodifiableMap(new LinkedHashMap<>(items));
        if (complete.getListItems() != null && complete.getListItems() != list.size()) {
            LOG.warn("{} announced {} items but delivered {}", name, complete.getListItems(), list.size());
        }
        try {
            owner.accept(list);
            handedOver.complete(true);
        } catch (RuntimeException e) {
            LOG.error("The {} could not be handed over", name, e);
            handedOver.complete(false);
        }
    }

    /**
     * Supervisor thread: sends the list action and waits until its list has been handed over.
     *
     * @throws AmiRejectedException     if Asterisk answers the action with an error
     * @throws AmiNotConnectedException if the list does not complete in time
     */
    <A extends AbstractManagerAction & EventGeneratingAction> void run(ManagerConnection connection, A action,
                                                                       long timeoutMs)
            throws IOException, InterruptedException {
        action.setActionId(actionId);
        try {
            ResponseEvents events = connection.sendEventGeneratingAction(action, timeoutMs);
            if (events.getResponse() instanceof ManagerError error) {
                throw new AmiRejectedException(name + " rejected: " + error.getMessage(), error.getMessage());
            }
            if (!Boolean.TRUE.equals(handedOver.get(timeoutMs, TimeUnit.MILLISECONDS))) {
                throw new AmiException(name + " could not be handed over");
            }
        } catch (EventTimeoutException | java.util.concurrent.TimeoutException e) {
            throw new AmiNotConnectedException(name + " did not complete: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new AmiException(name + " failed", e);
        }
    }
}
