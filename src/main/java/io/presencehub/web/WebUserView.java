package io.presencehub.web;

import io.presencehub.calls.CallStates;
import io.presencehub.calls.TeamsCall;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.StatusDef;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.util.List;
import java.util.Locale;

/**
 * One user as the REST API shows it: where it is, its extensions, its status (name and type), note, return time
 * (Unix seconds), where its status came from and since when, and whether it is on the phone or in a Teams call.
 */
public record WebUserView(String location, String tenant, String userId, String name, List<String> extensions,
                          String defaultExtension, Status status, String note, long returnTime, String origin,
                          String statusOrigin, long changedAt, boolean onThePhone, boolean inTeamsCall) {

    /** A status by name and type ({@code available}, {@code away}, …). */
    public record Status(String name, String type) {

        static Status of(StatusDef status) {
            return new Status(status.name(), status.type().code());
        }
    }

    /** The view of this user now; {@code index} must know the user. */
    public static WebUserView of(DirectoryIndex index, UserKey user, UserState state, CallStates calls) {
        List<ExtensionEntry> entries = index.extensionsOf(user);
        ExtensionEntry first = entries.get(0);
        Tenant tenant = first.tenant();
        List<String> numbers = entries.stream().map(e -> e.extension().number()).toList();
        String defaultExtension = index.user(user).map(u -> u.defaultExtension()).filter(d -> d != null)
                .orElse(numbers.get(0));
        String name = index.user(user).map(u -> u.id()).orElse(first.extension().number());
        StatusDef status = tenant.statusWithId(state.statusId()).orElse(tenant.initialStatus());
        return new WebUserView(first.location().name(), tenant.name(), user.userId(), name, numbers, defaultExtension,
                Status.of(status), state.note(), state.returnTime(), lower(state.origin().name()),
                lower(state.statusOrigin().name()), state.changedAt().getEpochSecond(), calls.onThePhone(user),
                calls.teamsCall(user) == TeamsCall.IN_CALL);
    }

    /** Whether the user matches a filter's text: its name, user id, e-mail or one of its extension numbers. */
    public boolean mentions(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).contains(wanted) || userId.toLowerCase(Locale.ROOT).contains(wanted)
                || extensions.stream().anyMatch(n -> n.contains(wanted));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
