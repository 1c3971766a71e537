package io.presencehub.sync;

import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.StateChange;
import java.util.List;

/** Where stored changes go: to every world but the one they came from. */
public interface ChangePublisher {

    /** A user's state changed and is stored. Called in order per user. */
    void stateChanged(StateChange change);

    /** The directory was reloaded with these structural changes. */
    void directoryChanged(List<DirectoryEvent> events);

    /** A reload moved an extension to another user, so it now shows another state. */
    void extensionReassigned(ExtensionReassignment reassignment);
}
