package io.presencehub.teams.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-ins under way: each started one has a random one-time {@code state} that maps to its PKCE verifier for
 * {@link #VALIDITY}. A state is taken at most once; unknown, reused and expired ones are refused. At most
 * {@code capacity} are kept (the oldest are dropped first), so calling {@code /teams/signin} in a loop cannot fill
 * the memory.
 */
public final class SignInStates {

    /** How long a started sign-in may take (the admin types a password, maybe an MFA code). */
    public static final Duration VALIDITY = Duration.ofMinutes(10);
    /** Enough for several admins and retries; a loop of sign-in starts only pushes out older ones. */
    public static final int DEFAULT_CAPACITY = 100;

    private record Pending(Pkce pkce, Instant expiresAt) {
    }

    private final Clock clock;
    private final int capacity;
    // insertion order is age order: the first entry is the oldest
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    public SignInStates(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    public SignInStates(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    /** A new state (32 random bytes, base64url) for this sign-in's PKCE pair. */
    public synchronized String start(Pkce pkce) {
        dropExpired();
        while (pending.size() >= capacity) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        String state = Pkce.randomToken(32);
        pending.put(state, new Pending(pkce, clock.instant().plus(VALIDITY)));
        return state;
    }

    /** The PKCE pair of this state, once: empty when unknown, already taken or expired. */
    public synchronized Optional<Pkce> take(String state) {
        if (state == null) {
            return Optional.empty();
        }
        Pending found = pending.remove(state);
        if (found == null || !clock.instant().isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(found.pkce());
    }

    /** How many sign-ins are under way (expired ones not counted). */
    public synchronized int size() {
        dropExpired();
        return pending.size();
    }

    private void dropExpired() {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
    }
}
