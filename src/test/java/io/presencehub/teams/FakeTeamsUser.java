package io.presencehub.teams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One directory user inside {@link FakeGraph}: the sessions that make up their presence and how Teams aggregates
 * them. Not thread-safe; FakeGraph guards it.
 */
final class FakeTeamsUser {

    /** An (availability, activity) pair. */
    record Pair(String availability, String activity) {
        static final Pair OFFLINE = new Pair("Offline", "Offline");

        boolean is(String otherAvailability, String otherActivity) {
            return availability.equalsIgnoreCase(otherAvailability) && activity.equalsIgnoreCase(otherActivity);
        }

        @Override
        public String toString() {
            return availability + "/" + activity;
        }
    }

    /** An app's setPresence session. */
    record AppSession(String sessionId, Pair pair, Instant setAt, Instant expiresAt) {
    }

    /** What a reader sees; a change of it bumps the sequence number. */
    record Visible(Pair pair, String statusMessage, Instant statusMessageExpiry) {
    }

    /** An app session set to Available and not refreshed fades after this, and again after as long once more. */
    static final Duration FADE_STEP = Duration.ofMinutes(5);

    final String id;
    String mail;
    String userPrincipalName;

    /** The state the user picked by hand (or setUserPreferredPresence); beats every session while one exists. */
    Pair preferred;
    Instant preferredExpiresAt;
    /** The user's own Teams client; null when the user has no client signed in. */
    Pair clientSession;
    final Map<String, AppSession> appSessions = new LinkedHashMap<>();
    String statusMessage;
    Instant statusMessageExpiry;

    private Visible lastVisible;
    private String sequenceNumber;

    FakeTeamsUser(String id, String mail, String userPrincipalName) {
        this.id = Objects.requireNonNull(id);
        this.mail = mail;
        this.userPrincipalName = userPrincipalName;
    }

    /**
     * Recomputes what readers see at {@code now}, dropping expired sessions; a visible change takes a new sequence
     * number. Called after every write and before every read, so lazy changes (fades, expiry) are seen too.
     */
    Visible refresh(Instant now, Supplier<String> nextSequence) {
        appSessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        if (preferredExpiresAt != null && !now.isBefore(preferredExpiresAt)) {
            preferred = null;
            preferredExpiresAt = null;
        }
        if (statusMessageExpiry != null && !now.isBefore(statusMessageExpiry)) {
            statusMessage = null;
            statusMessageExpiry = null;
        }
        Visible visible = new Visible(aggregate(now), statusMessage, statusMessageExpiry);
        if (!visible.equals(lastVisible)) {
            lastVisible = visible;
            sequenceNumber = nextSequence.get();
        }
        return visible;
    }

    String sequenceNumber() {
        return sequenceNumber;
    }

    Optional<AppSession> appSession(String sessionId) {
        return Optional.ofNullable(appSessions.get(sessionId));
    }

    private Pair aggregate(Instant now) {
        List<Pair> sessions = new ArrayList<>();
        if (clientSession != null) {
            sessions.add(clientSession);
        }
        for (AppSession session : appSessions.values()) {
            sessions.add(faded(session, now));
        }
        if (sessions.isEmpty()) {
            return Pair.OFFLINE; // a preferred state only shows while some session exists (reference)
        }
        if (preferred != null) {
            return preferred;
        }
        // ties keep the earlier entry, so the user's own client wins over an app at the same rank
        Pair best = sessions.get(0);
        for (Pair candidate : sessions) {
            if (rank(candidate) > rank(best)) {
                best = candidate;
            }
        }
        return best;
    }

    private static Pair faded(AppSession session, Instant now) {
        if (!session.pair().availability().equalsIgnoreCase("Available")) {
            return session.pair();
        }
        Duration age = Duration.between(session.setAt(), now);
        if (age.compareTo(FADE_STEP.multipliedBy(2)) >= 0) {
            return new Pair("Away", "Away");
        }
        if (age.compareTo(FADE_STEP) >= 0) {
            return new Pair("Available", "AvailableInactive");
        }
        return session.pair();
    }

    /** DoNotDisturb > Busy > Available > Away among sessions. */
    private static int rank(Pair pair) {
        return switch (pair.availability().toLowerCase(Locale.ROOT)) {
            case "donotdisturb" -> 4;
            case "busy", "busyidle" -> 3;
            case "available", "availableidle" -> 2;
            case "away", "berightback" -> 1;
            default -> 0;
        };
    }
}
