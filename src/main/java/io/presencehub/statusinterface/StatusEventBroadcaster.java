package io.presencehub.statusinterface;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserState;
import io.presencehub.sync.ExtensionReassignment;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns stored changes into the seed's events and sends them to every status client: a user's
 * change is reported on each of the user's extensions, status first, then note, then return time.
 */
public final class StatusEventBroadcaster {

    private final Supplier<DirectoryIndex> directory;
    private final StatusClientGroup clients;

    public StatusEventBroadcaster(Supplier<DirectoryIndex> directory, StatusClientGroup clients) {
        this.directory = directory;
        this.clients = clients;
    }

    public void stateChanged(StateChange change) {
        StringBuilder text = new StringBuilder();
        for (ExtensionEntry entry : directory.get().extensionsOf(change.user())) {
            appendFieldEvents(text, entry, change.before(), change.after());
        }
        send(text);
    }

    public void directoryChanged(List<DirectoryEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(StatusLineCodec.directoryEvent(e)).append('\n'));
        send(text);
    }

    public void extensionReassigned(ExtensionReassignment reassignment) {
        StringBuilder text = new StringBuilder();
        appendFieldEvents(text, reassignment.extension(), reassignment.before(), reassignment.after());
        send(text);
    }

    private static void appendFieldEvents(StringBuilder text, ExtensionEntry entry, UserState before, UserState after) {
        ExtensionAddress address = new ExtensionAddress(entry.location().name(), entry.tenant().name(),
                entry.extension().number());
        if (before == null || !before.statusId().equals(after.statusId())) {
            String status = StatusCommandHandler.statusName(entry.tenant(), after);
            text.append(StatusLineCodec.fieldEvent(StatusField.STATUS, address, status)).append('\n');
        }
        if (before == null || !before.note().equals(after.note())) {
            text.append(StatusLineCodec.fieldEvent(StatusField.NOTE, address, after.note())).append('\n');
        }
        if (before == null || before.returnTime() != after.returnTime()) {
            text.append(StatusLineCodec.fieldEvent(StatusField.RETURN_TIME, address,
                    Long.toString(after.returnTime()))).append('\n');
        }
    }

    private void send(StringBuilder text) {
        if (text.length() > 0) {
            clients.broadcast(text.toString());
        }
    }
}
