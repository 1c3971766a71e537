package io.presencehub.teams;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the next write that brings Teams from what the hub holds to what it wants: the session first (set, renew
 * before expiry, or clear), then the status message. Empty when Teams already shows what the hub wants.
 */
public final class TeamsWriteResolver {

    private final Duration renewBefore;

    /** @param renewBefore how long before its expiry a still-wanted session is set again */
    public TeamsWriteResolver(Duration renewBefore) {
        this.renewBefore = renewBefore;
    }

    /** A session is renewed when a tenth of its lifetime (at most 30 minutes, at least 1 minute) is left. */
    public static TeamsWriteResolver forExpiration(Duration sessionExpiration) {
        Duration margin = sessionExpiration.dividedBy(10);
        if (margin.compareTo(Duration.ofMinutes(30)) > 0) {
            margin = Duration.ofMinutes(30);
        }
        if (margin.compareTo(Duration.ofMinutes(1)) < 0) {
            margin = Duration.ofMinutes(1);
        }
        return new TeamsWriteResolver(margin);
    }

    public Optional<TeamsWrite> next(TeamsTarget target, TeamsHeld held, Instant now) {
        if (target.session().isPresent()) {
            SessionPair wanted = target.session().get();
            boolean same = held.session().equals(target.session());
            boolean dueForRenewal = held.sessionExpiresAt() == null
                    || !now.isBefore(held.sessionExpiresAt().minus(renewBefore));
            if (!same || dueForRenewal) {
                return Optional.of(TeamsWrite.set(wanted));
            }
        } else if (held.session().isPresent()) {
            return Optional.of(TeamsWrite.clear());
        }
        TeamsTarget.StatusMessage wantedMessage = target.message();
        if (wantedMessage != null && !Objects.equals(wantedMessage, held.message())) {
            // an empty message the hub never set needs no write: there is nothing of ours to clear
            if (!(held.message() == null && wantedMessage.text().isEmpty())) {
                return Optional.of(TeamsWrite.message(wantedMessage));
            }
        }
        return Optional.empty();
    }

    /** When the held session must be renewed at the latest (null without a session). */
    public Instant renewalDue(TeamsHeld held) {
        return held.sessionExpiresAt() == null ? null : held.sessionExpiresAt().minus(renewBefore);
    }
}
