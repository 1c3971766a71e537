package io.presencehub.web;

import io.presencehub.calls.CallStates;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.StateChange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the web clients are told of a change: a stored state change as {@code event: state} with the user as the
 * REST API shows it, a directory reload as {@code event: directory} with what was added, removed or renamed.
 */
public final class WebEventFeed {

    private final Supplier<DirectoryIndex> directory;
    private final CallStates calls;
    private final WebEventStream stream;

    public WebEventFeed(Supplier<DirectoryIndex> directory, CallStates calls, WebEventStream stream) {
        this.directory = directory;
        this.calls = calls;
        this.stream = stream;
    }

    /** From the fan-out ({@code direct:web-state-changed}); a user no longer in the directory is not shown. */
    public void stateChanged(StateChange change) {
        if (!stream.keepsEvents()) {
            return;
        }
        DirectoryIndex index = directory.get();
        if (!index.extensionsOf(change.user()).isEmpty()) {
            stream.publish("state", WebJson.write(WebUserView.of(index, change.user(), change.after(), calls)));
        }
    }

    /** From the directory fan-out ({@code direct:web-directory-changed}). */
    public void directoryChanged(List<DirectoryEvent> events) {
        if (!stream.keepsEvents()) {
            return;
        }
        stream.publish("directory", WebJson.write(Map.of("changes", events.stream()
                .map(e -> Map.of("kind", e.kind().name().toLowerCase(Locale.ROOT), "names", e.names())).toList())));
    }

    /** From the heartbeat timer. */
    public void heartbeat() {
        stream.heartbeat();
    }
}
