package io.presencehub.asterisk;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.util.List;
import java.util.Optional;

/**
 * Which presentities to write for a stored change, and with what: the default extension or every
 * extension of the user; the status type mapped to an Asterisk state, the status name as subtype
 * and the note as message. A change that came from Asterisk, or whose type is not mapped, writes nothing.
 */
public final class AsteriskWriteResolver {

    private final AsteriskSettings settings;

    public AsteriskWriteResolver(AsteriskSettings settings) {
        this.settings = settings;
    }

    public List<PresenceWrite> plan(StateChange change, DirectoryIndex index) {
        if (!settings.syncEnabled() || change.origin() == Origin.ASTERISK) {
            return List.of();
        }
        if (!change.statusChanged() && !change.noteChanged()) {
            return List.of(); // the return time is not part of Asterisk presence
        }
        return writesFor(change.user(), change.after(), index);
    }

    /** Whether a change owes Asterisk a write that its type's missing mapping holds back (for the decision log). */
    public boolean unmapped(StateChange change) {
        return settings.syncEnabled() && change.origin() != Origin.ASTERISK && change.statusChanged()
                && settings.mapper().toAsterisk(change.after().statusType()).isEmpty();
    }

    /** The writes that make Asterisk show this state (empty when its type is not mapped). */
    public List<PresenceWrite> writesFor(UserKey user, UserState state, DirectoryIndex index) {
        List<ExtensionEntry> extensions = index.extensionsOf(user);
        Optional<String> asteriskState = settings.mapper().toAsterisk(state.statusType());
        if (!settings.syncEnabled() || extensions.isEmpty() || asteriskState.isEmpty()) {
            return List.of();
        }
        String statusName = index.tenantOf(user).flatMap(t -> t.statusWithId(state.statusId()))
                .map(s -> s.name()).orElse("");
        List<ExtensionEntry> targets = settings.outgoing() == OutgoingMethod.ALL ? extensions
                : List.of(AsteriskIncomingResolver.defaultExtension(user, index, extensions));
        return targets.stream().map(e -> new PresenceWrite(user, e.extension().presentity(), asteriskState.get(),
                statusName, state.note())).toList();
    }
}
