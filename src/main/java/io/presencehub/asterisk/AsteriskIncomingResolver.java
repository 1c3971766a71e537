package io.presencehub.asterisk;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.NoteText;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides a user's hub status and note from the Asterisk presence of the user's extensions, by the
 * incoming method: the default extension's, the most recently changed one's ({@code latest}) or the
 * one whose mapped type ranks highest ({@code priority}). The status is the tenant status of the
 * mapped type named like the subtype, else that type's default status; the message, cleaned of
 * control characters ({@link NoteText}), is the note.
 */
public final class AsteriskIncomingResolver {

    private final AsteriskSettings settings;

    public AsteriskIncomingResolver(AsteriskSettings settings) {
        this.settings = settings;
    }

    /**
     * @param observations the current observation of a presentity, or null when Asterisk has not reported it
     * @return empty when Asterisk gives no (mapped) answer for this user
     */
    public Optional<AsteriskIncomingDecision> resolve(UserKey user, DirectoryIndex index,
                                              Function<String, AsteriskObservation> observations) {
        List<ExtensionEntry> extensions = index.extensionsOf(user);
        Optional<Tenant> tenant = index.tenantOf(user);
        if (extensions.isEmpty() || tenant.isEmpty()) {
            return Optional.empty();
        }
        ExtensionEntry preferred = defaultExtension(user, index, extensions);
        Optional<Candidate> chosen = switch (settings.incoming()) {
            case DEFAULT_EXTENSION -> candidate(preferred, observations).filter(c -> c.type != null);
            case LATEST -> latest(extensions, preferred, observations);
            case PRIORITY -> highestPriority(extensions, preferred, observations);
        };
        return chosen.filter(c -> c.type != null).flatMap(c -> decide(tenant.get(), c));
    }

    /** The user's default extension (an extension that is a user of its own is its own default). */
    public static ExtensionEntry defaultExtension(UserKey user, DirectoryIndex index, List<ExtensionEntry> extensions) {
        String number = index.user(user).map(u -> u.defaultExtension()).orElse(null);
        return extensions.stream().filter(e -> e.extension().number().equals(number)).findFirst()
                .orElse(extensions.get(0));
    }

    /**
     * The most recent observation decides, even when its state is not mapped: a change to an
     * unmapped state is not synchronised, so it must not let an older extension take over either.
     * Equal times prefer the default extension, then directory order.
     */
    private Optional<Candidate> latest(List<ExtensionEntry> extensions, ExtensionEntry preferred,
                                       Function<String, AsteriskObservation> observations) {
        return extensions.stream().map(e -> candidate(e, observations)).flatMap(Optional::stream)
                .max(Comparator.comparing((Candidate c) -> c.observation.observedAt())
                        .thenComparing(c -> c.entry == preferred)
                        .thenComparing(c -> -extensions.indexOf(c.entry)));
    }

    /** Highest-ranked mapped type wins; within a type the most recent, then the default extension, then directory order. */
    private Optional<Candidate> highestPriority(List<ExtensionEntry> extensions, ExtensionEntry preferred,
                                                Function<String, AsteriskObservation> observations) {
        return extensions.stream().map(e -> candidate(e, observations)).flatMap(Optional::stream)
                .filter(c -> c.type != null)
                .min(Comparator.comparingInt((Candidate c) -> settings.rank(c.type))
                        .thenComparing(c -> c.observation.observedAt(), Comparator.reverseOrder())
                        .thenComparing(c -> c.entry != preferred)
                        .thenComparingInt(c -> extensions.indexOf(c.entry)));
    }

    private Optional<Candidate> candidate(ExtensionEntry entry, Function<String, AsteriskObservation> observations) {
        AsteriskObservation observation = observations.apply(entry.extension().presentity());
        if (observation == null) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(entry, observation, settings.mapper().toHub(observation.state()).orElse(null)));
    }

    private Optional<AsteriskIncomingDecision> decide(Tenant tenant, Candidate chosen) {
        AsteriskObservation observation = chosen.observation;
        Optional<StatusDef> named = tenant.statusNamed(observation.subtype()).filter(s -> s.type() == chosen.type);
        String why = settings.incoming().code() + " chose " + observation.presentity() + " (" + observation.state()
                + " -> " + chosen.type.code() + ")";
        // a phone may send any byte Asterisk passes on; the note goes to every status client
        String note = NoteText.clean(observation.message());
        if (named.isPresent()) {
            return Optional.of(new AsteriskIncomingDecision(named.get(), note, observation.presentity(),
                    why + ", status named by subtype"));
        }
        return tenant.defaultStatus(chosen.type).map(s -> new AsteriskIncomingDecision(s, note,
                observation.presentity(), why + ", default status of the type"));
    }

    private record Candidate(ExtensionEntry entry, AsteriskObservation observation, StatusType type) {
    }
}
