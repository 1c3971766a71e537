package io.presencehub.sync;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryService.Reload;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusDef;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings user state in line with a reloaded directory (its structural events are already
 * published, see {@code DirectoryService.announceWith}): moves
 * users whose status was removed to the default status of the same type, updates the type of users
 * whose status got another type, and reports extensions that now belong to another user and
 * therefore show another state.
 */
public final class DirectoryReconciler implements Consumer<Reload> {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryReconciler.class);

    private final PresenceApplier applier;
    private final ChangePublisher publisher;

    public DirectoryReconciler(PresenceApplier applier, ChangePublisher publisher) {
        this.applier = applier;
        this.publisher = publisher;
    }

    @Override
    public void accept(Reload reload) {
        Map<String, Shown> shownBefore = shownStates(reload.before());
        replaceRemovedStatuses(reload.after());
        reportReassignedExtensions(reload.after(), shownBefore);
    }

    private void replaceRemovedStatuses(DirectoryIndex after) {
        for (Map.Entry<UserKey, UserState> entry : applier.storedStates().entrySet()) {
            Optional<Tenant> tenant = after.tenantOf(entry.getKey());
            UserState state = entry.getValue();
            if (tenant.isEmpty()) {
                continue;
            }
            Optional<StatusDef> kept = tenant.get().statusWithId(state.statusId());
            if (kept.isPresent()) {
                if (kept.get().type() != state.statusType()) {
                    LOG.debug("Status {} of {} is now of type {}", kept.get().name(), entry.getKey(), kept.get().type());
                    applier.apply(UserUpdate.status(entry.getKey(), kept.get(), Origin.DIRECTORY));
                }
                continue;
            }
            StatusDef fallback = tenant.get().defaultStatus(state.statusType()).orElse(tenant.get().initialStatus());
            LOG.debug("Status {} of {} was removed from the directory: falling back to {}",
                    state.statusId(), entry.getKey(), fallback.name());
            applier.apply(UserUpdate.status(entry.getKey(), fallback, Origin.DIRECTORY));
        }
    }

    private void reportReassignedExtensions(DirectoryIndex after, Map<String, Shown> shownBefore) {
        for (UserKey user : after.userKeys()) {
            for (ExtensionEntry extension : after.extensionsOf(user)) {
                Shown previous = shownBefore.get(extensionId(extension));
                if (previous == null || previous.owner().equals(user)) {
                    continue;
                }
                UserState now = applier.current(user);
                if (!now.sameValues(previous.state())) {
                    publisher.extensionReassigned(new ExtensionReassignment(extension, previous.state(), now));
                }
            }
        }
    }

    /** Which user an extension belonged to and what it showed. */
    private record Shown(UserKey owner, UserState state) {
    }

    private Map<String, Shown> shownStates(DirectoryIndex index) {
        Map<String, Shown> shown = new HashMap<>();
        for (UserKey user : index.userKeys()) {
            UserState state = applier.current(user, index);
            for (ExtensionEntry extension : index.extensionsOf(user)) {
                shown.put(extensionId(extension), new Shown(user, state));
            }
        }
        return shown;
    }

    private static String extensionId(ExtensionEntry entry) {
        return entry.location().id() + "/" + entry.tenant().id() + "/" + entry.extension().id();
    }
}
