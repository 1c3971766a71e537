package io.presencehub.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The browser sessions, held in memory: a random 256-bit id per login, the role, a CSRF token of its own, and an
 * end that moves on with every use. At most {@code max} sessions: a new login beyond that ends the least recently
 * used one.
 */
public final class WebSessions {

    /** One logged-in browser. */
    public record Session(String id, WebRole role, String csrfToken) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Duration timeout;
    private final int max;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private record Entry(Session session, Instant ends) {
    }

    public WebSessions(Duration timeout, int max, Clock clock) {
        this.timeout = timeout;
        this.max = max;
        this.clock = clock;
    }

    /** A new session for this role. */
    public synchronized Session open(WebRole role) {
        dropExpired();
        while (sessions.size() >= max) {
            Iterator<String> oldest = sessions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Session session = new Session(token(), role, token());
        sessions.put(session.id(), new Entry(session, clock.instant().plus(timeout)));
        return session;
    }

    /** The live session with this id; using it extends it. */
    public synchronized Optional<Session> find(String id) {
        Entry entry = id == null ? null : sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.ends())) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.put(id, new Entry(entry.session(), clock.instant().plus(timeout)));
        return Optional.of(entry.session());
    }

    public synchronized void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    public synchronized int size() {
        return sessions.size();
    }

    /** How long a session lives without a request (the cookie's Max-Age). */
    public Duration timeout() {
        return timeout;
    }

    private void dropExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(entry -> !now.isBefore(entry.ends()));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public synchronized String toString() {
        return "WebSessions[" + sessions.size() + " of at most " + max + "]";
    }

}
