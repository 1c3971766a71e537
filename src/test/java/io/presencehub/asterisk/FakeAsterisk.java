package io.presencehub.asterisk;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A real TCP AMI server on 127.0.0.1 that answers presence actions the way the recorded Asterisk
 * 23.4.1 does (see {@code shared/reference/ami-transcripts}). Presence values live in memory and
 * survive {@link #stop()}/{@link #start()}, like astdb survives an Asterisk restart.
 *
 * <p>Values are kept in the wire's byte-per-char (ISO-8859-1) form so that what goes out is
 * byte-exact, including Asterisk's garbage from invalid base64.
 */
public final class FakeAsterisk implements AutoCloseable {
    static final String BANNER = "Asterisk Call Manager/12.0.0\r\n";
    static final String PROVIDER = "CustomPresence:";
    /** Asterisk cuts decoded subtype/message to this many bytes in events. */
    static final int EVENT_FIELD_BYTES = 255;
    private static final List<String> STATES =
            List.of("not_set", "unavailable", "available", "away", "xa", "chat", "dnd");
    /** Asterisk's aggregation order for "a&b" providers: the higher one wins. */
    private static final Map<String, Integer> STATE_ORDER = Map.of("not_set", 0, "available", 1, "unavailable", 2,
            "chat", 3, "away", 4, "xa", 5, "dnd", 6);

    /** An AMI user: {@code full} = read/write all; otherwise read/write reporting only. */
    record User(String name, String secret, boolean full) {
    }

    /** One dialplan hint that uses a presentity. */
    record Hint(String exten, String context, String hint) {
    }

    /** A stored presence; subtype/message decoded, in wire form; the base64 text is kept for Getvar ...,e. */
    record Stored(String presentity, String state, String subtype, String message, String subtypeB64,
                  String messageB64) {
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, List<Hint>> hints = new ConcurrentHashMap<>();
    private final Map<String, Stored> store = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> globals = new ConcurrentHashMap<>();
    private final FakeDevices devices = new FakeDevices();
    private final Map<String, AtomicInteger> setvars = new ConcurrentHashMap<>();
    private final Map<String, String> lastSetvarValues = new ConcurrentHashMap<>();
    private final List<FakeAmiSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger loginAttempts = new AtomicInteger();
    private final AtomicInteger sessionCounter = new AtomicInteger();
    private final Random random = new Random();
    /** Serialises writes and their events, so every client sees changes in one order, response first. */
    final Object presenceLock = new Object();
    final long startedAt = System.currentTimeMillis();

    private volatile ServerSocket serverSocket;
    private volatile int port;
    private volatile boolean acceptLogins = true;
    private volatile boolean muted;
    private volatile boolean loseNextEcho;
    private volatile Duration authFailureDelay = Duration.ofSeconds(1);
    private volatile Duration writeTimeout = Duration.ofMillis(100);
    private volatile String fixedChallenge;
    private volatile int sendBufferSize;
    private Thread acceptor;
    /** Runs Asterisk's writetimeout check and the delayed answers of failed logins. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fake-asterisk-timer");
        thread.setDaemon(true);
        return thread;
    });
    private boolean watching;

    /** A fake with users hub/hubsecret and limited/limitedsecret and the recordings' hints. */
    public FakeAsterisk() {
        addUser("hub", "hubsecret", true);
        addUser("limited", "limitedsecret", false);
        for (int i = 1001; i <= 1050; i++) {
            addHint(PROVIDER + i, new Hint(String.valueOf(i), "users", "Custom:" + i + "," + PROVIDER + i));
        }
        addHint(PROVIDER + "Batman", new Hint("2000", "users", "Custom:Batman,CustomPresence:Batman"));
        addHint(PROVIDER + "Batman", new Hint("batman", "users", "Custom:Batman,CustomPresence:Batman"));
    }

    // ---- lifecycle ----

    /** Listens on a free port the first time, on the same port after a {@link #stop()}. */
    public synchronized FakeAsterisk start() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        serverSocket = server;
        port = server.getLocalPort();
        acceptor = new Thread(() -> acceptLoop(server), "fake-asterisk-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        if (!watching) {
            watching = true;
            timer.scheduleWithFixedDelay(this::checkWrites, 10, 10, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Closes the listener and every connection (an Asterisk shutdown); stored presence survives. */
    public synchronized void stop() {
        ServerSocket server = serverSocket;
        serverSocket = null;
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        dropAllConnections();
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }

    public int port() {
        return port;
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!acceptLogins) {
                // Asterisk not ready: the TCP connect works, then the socket closes without a banner
                closeQuietly(socket);
                continue;
            }
            try {
                if (sendBufferSize > 0) {
                    socket.setSendBufferSize(sendBufferSize);
                }
                FakeAmiSession session = new FakeAmiSession(this, socket, sessionCounter.incrementAndGet());
                sessions.add(session);
                session.start();
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
    }

    /** Asterisk's writetimeout: a client whose socket buffer stays full is closed, silently. */
    private void checkWrites() {
        for (FakeAmiSession session : sessions) {
            session.closeIfWriteStuck(writeTimeout.toNanos());
        }
    }

    /** Runs a task later on the fake's timer (e.g. the late answer to a failed login). */
    void later(Duration delay, Runnable task) {
        timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    void removed(FakeAmiSession session) {
        sessions.remove(session);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    // ---- test hooks ----

    public FakeAsterisk addUser(String name, String secret, boolean full) {
        users.put(name, new User(name, secret, full));
        return this;
    }

    public FakeAsterisk addHint(String presentity, Hint hint) {
        hints.computeIfAbsent(key(presentity), k -> new CopyOnWriteArrayList<>()).add(hint);
        return this;
    }

    /** Closes every client connection at once, without Logoff (a network cut or Asterisk crash). */
    public void dropAllConnections() {
        for (FakeAmiSession session : sessions) {
            session.close();
        }
    }

    /**
     * The next accepted Setvar is answered and applied, then every connection drops before its events go out: the
     * client never sees the report of its own write.
     */
    public void loseTheEchoOfTheNextWrite() {
        loseNextEcho = true;
    }

    /** While muted, connections stay open but nothing is answered or sent: a half-open link. */
    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    boolean muted() {
        return muted;
    }

    /** While false, TCP connects succeed but are closed at once without a banner (Asterisk still starting). */
    public void setAcceptLogins(boolean accept) {
        this.acceptLogins = accept;
    }

    public void setAuthFailureDelay(Duration delay) {
        this.authFailureDelay = delay;
    }

    public void setWriteTimeout(Duration timeout) {
        this.writeTimeout = timeout;
    }

    /** Smaller send buffers for new connections make a non-reading client hit the write timeout sooner. */
    public void setSendBufferSize(int bytes) {
        this.sendBufferSize = bytes;
    }

    /** Makes the Challenge action answer this value (to replay a recorded MD5 login). */
    public void setChallenge(String challenge) {
        this.fixedChallenge = challenge;
    }

    /** Login actions received so far, successful or not. */
    public int loginAttempts() {
        return loginAttempts.get();
    }

    /**
     * Setvar PRESENCE_STATE actions received for a presentity, accepted or not. Counted on receipt: the
     * stored presence ({@link #presence}) and its events follow a moment later.
     */
    public int setvarCount(String presentity) {
        AtomicInteger count = setvars.get(key(presentity));
        return count == null ? 0 : count.get();
    }

    /** The Value of the last Setvar PRESENCE_STATE received for a presentity, exactly as sent; empty when none. */
    public Optional<String> lastSetvarValue(String presentity) {
        return Optional.ofNullable(lastSetvarValues.get(key(presentity)));
    }

    /** Clients currently logged in. */
    public int loggedInClients() {
        return (int) sessions.stream().filter(FakeAmiSession::isAuthenticated).count();
    }

    /** The stored presence (full text, UTF-8 decoded); empty when never set. */
    public Optional<AsteriskPresence> presence(String presentity) {
        Stored stored = store.get(key(presentity));
        return stored == null ? Optional.empty() : Optional.of(new AsteriskPresence(stored.presentity(), stored.state(),
                AmiWire.toUtf8(stored.subtype()), AmiWire.toUtf8(stored.message())));
    }

    /** Sets a device state for DeviceStateList (e.g. "Custom:1003" NOT_INUSE); no events. */
    public void seedDeviceState(String device, String state) {
        devices.seed(device, state);
    }

    /** A phone's device changes state (it rings, talks, holds): stored, and the events go to logged-in clients. */
    public void setDeviceState(String device, String state) {
        if (!FakeDevices.STATES.contains(state)) {
            throw new IllegalArgumentException("not an Asterisk device state: " + state);
        }
        synchronized (presenceLock) {
            devices.change(device, state, allHints()).forEach(event -> broadcast(event, "call"));
        }
    }

    /** The device's state as Asterisk holds it; empty when it has none. */
    public Optional<String> deviceState(String device) {
        return devices.state(device);
    }

    /** Setvar DEVICE_STATE actions received for a device, accepted or not. */
    public int deviceSetvarCount(String device) {
        return devices.setvarCount(device);
    }

    /**
     * Called with device and value for each Setvar DEVICE_STATE as it is received, accepted or not, on the session's
     * thread (for benchmarks that time them); must be quick. Null removes it.
     */
    public void onDeviceSetvar(BiConsumer<String, String> listener) {
        devices.onSetvar(listener);
    }

    /** Every Setvar DEVICE_STATE received, for any device. */
    FakeDevices devices() {
        return devices;
    }

    List<Hint> allHints() {
        return hints.values().stream().flatMap(List::stream).distinct().toList();
    }

    /** The hint of an extension in a context, if the dialplan has one. */
    Optional<Hint> hint(String exten, String context) {
        return allHints().stream().filter(h -> h.exten().equals(exten) && h.context().equals(context)).findFirst();
    }

    private volatile Runnable duringNextList;

    /**
     * Makes a phone change happen while the next PresenceStateList is being sent: after its items,
     * before its Complete event, as Asterisk may interleave a live change with a list.
     */
    public void duringNextList(String presentity, String state, String subtype, String message) {
        duringNextList = () -> setPresence(presentity, state, subtype, message);
    }

    /** The change to interleave with the list being sent now, if one was asked for (once). */
    Runnable takeDuringNextList() {
        Runnable change = duringNextList;
        duringNextList = null;
        return change;
    }

    /** Changes presence as a phone would (no AMI action involved) and emits the events. */
    public void setPresence(String presentity, String state, String subtype, String message) {
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("not an Asterisk presence state: " + state);
        }
        synchronized (presenceLock) {
            applyWrite(presentity, state, AmiWire.fromUtf8(subtype), AmiWire.fromUtf8(message), null, null);
        }
    }

    /** Stores a value without emitting events; subtype/message given as raw bytes (for recorded garbage). */
    public void seed(String presentity, String state, byte[] subtype, byte[] message) {
        String wireSubtype = new String(subtype, StandardCharsets.ISO_8859_1);
        String wireMessage = new String(message, StandardCharsets.ISO_8859_1);
        store.put(key(presentity), new Stored(canonical(presentity), state, wireSubtype, wireMessage, null, null));
    }

    /**
     * Sends {@code count} PresenceStateChange events for one presentity as fast as the clients read,
     * with messages "flood 1" .. "flood N"; the store ends at the last one.
     */
    public void flood(String presentity, String state, int count) {
        for (int i = 1; i <= count; i++) {
            synchronized (presenceLock) {
                Stored stored = new Stored(canonical(presentity), state, "", "flood " + i, null, null);
                store.put(key(presentity), stored);
                broadcast(changeEvent(stored, null), "call");
            }
        }
    }

    /** Sends raw wire bytes (ISO-8859-1 chars) to every logged-in client, e.g. a recorded event. */
    public void sendRaw(String wire) {
        synchronized (presenceLock) {
            for (FakeAmiSession session : sessions) {
                session.sendRawIfAuthenticated(wire);
            }
        }
    }

    // ---- used by sessions ----

    User user(String name) {
        return name == null ? null : users.get(name);
    }

    boolean checkLogin(String name, String secret) {
        loginAttempts.incrementAndGet();
        User user = user(name);
        return user != null && user.secret().equals(secret);
    }

    void countLoginAttempt() {
        loginAttempts.incrementAndGet();
    }

    Duration authFailureDelay() {
        return authFailureDelay;
    }

    String challenge() {
        String fixed = fixedChallenge;
        return fixed != null ? fixed : String.valueOf(100_000_000 + random.nextInt(900_000_000));
    }

    String global(String name) {
        return globals.getOrDefault(name, "");
    }

    void setGlobal(String name, String value) {
        globals.put(name, value);
    }

    Optional<Stored> stored(String presentity) {
        return Optional.ofNullable(store.get(key(presentity)));
    }

    List<Stored> storedNewestFirst() {
        synchronized (store) {
            List<Stored> all = new ArrayList<>(store.values());
            Collections.reverse(all);
            return all;
        }
    }

    /**
     * Setvar PRESENCE_STATE(provider)=value with Asterisk's validation. Returns false for every
     * failure, which the session reports as "Variable not set". Must hold {@link #presenceLock}.
     */
    boolean writeFromSetvar(String provider, String value, Runnable sendResponse) {
        if (provider.regionMatches(true, 0, PROVIDER, 0, PROVIDER.length())) {
            // the value first: a test that sees the count also sees the value (the stored presence, and with
            // it presence(), follows only after the response)
            lastSetvarValues.put(key(provider), value == null ? "" : value);
            setvars.computeIfAbsent(key(provider), k -> new AtomicInteger()).incrementAndGet();
        }
        if (!provider.regionMatches(true, 0, PROVIDER, 0, PROVIDER.length()) || provider.length() == PROVIDER.length()
                || value == null || value.isEmpty()) {
            return false;
        }
        // func_presencestate.c: state,subtype,message,options split on the first three commas
        String[] parts = value.split(",", 4);
        String state = parts[0].toLowerCase(Locale.ROOT);
        String subtype = parts.length > 1 ? parts[1] : "";
        String message = parts.length > 2 ? parts[2] : "";
        String options = parts.length > 3 ? parts[3] : "";
        if (!STATES.contains(state) || !(options.isEmpty() || options.equals("e"))) {
            return false;
        }
        String subtypeB64 = null;
        String messageB64 = null;
        if (options.equals("e")) {
            subtypeB64 = subtype;
            messageB64 = message;
            subtype = asteriskBase64Decode(subtype);
            message = asteriskBase64Decode(message);
        }
        sendResponse.run();
        applyWrite(provider, state, subtype, message, subtypeB64, messageB64);
        return true;
    }

    /** Stores a write and emits PresenceStatus (per hint, only when changed) and PresenceStateChange (always). */
    private void applyWrite(String presentity, String state, String subtype, String message, String subtypeB64,
                            String messageB64) {
        Stored before = store.get(key(presentity));
        Stored after = new Stored(canonical(presentity), state, subtype, message, subtypeB64, messageB64);
        store.put(key(presentity), after);
        if (loseNextEcho) {
            loseNextEcho = false;
            dropAllConnections();
            return;
        }
        boolean changed = before == null ? !(state.equals("not_set") && subtype.isEmpty() && message.isEmpty())
                : !(before.state().equals(state) && before.subtype().equals(subtype) && before.message().equals(message));
        List<AmiWire.Message> statusEvents = new ArrayList<>();
        if (changed) {
            for (Hint hint : hints.getOrDefault(key(presentity), List.of())) {
                statusEvents.add(AmiWire.message().add("Event", "PresenceStatus").add("Privilege", "call,all")
                        .add("Exten", hint.exten()).add("Context", hint.context()).add("Hint", hint.hint())
                        .add("Status", state).add("Subtype", cut(subtype)).add("Message", cut(message)).build());
            }
        }
        AmiWire.Message change = changeEvent(after, null);
        // Asterisk raises the two kinds from different threads: their relative order varies
        boolean changeFirst = random.nextBoolean();
        if (changeFirst) {
            broadcast(change, "call");
        }
        for (AmiWire.Message status : statusEvents) {
            broadcast(status, "call");
        }
        if (!changeFirst) {
            broadcast(change, "call");
        }
    }

    /** PresenceStateChange as a live event (actionId null, with Privilege) or as a list item (no Privilege). */
    AmiWire.Message changeEvent(Stored stored, String actionId) {
        AmiWire.Builder b = AmiWire.message().add("Event", "PresenceStateChange");
        if (actionId == null) {
            b.add("Privilege", "call,all");
        } else {
            b.add("ActionID", actionId);
        }
        return b.add("Presentity", stored.presentity()).add("Status", stored.state())
                .add("Subtype", escapeC(cut(stored.subtype()))).add("Message", escapeC(cut(stored.message()))).build();
    }

    /** PresenceState for "a&b&c": the highest state in Asterisk's order wins. Null if a provider is invalid. */
    Stored aggregate(String providers) {
        Stored best = null;
        for (String provider : providers.split("&")) {
            if (!provider.regionMatches(true, 0, PROVIDER, 0, PROVIDER.length()) || provider.length() == PROVIDER.length()) {
                return null;
            }
            Stored stored = store.getOrDefault(key(provider),
                    new Stored(canonical(provider), "not_set", "", "", null, null));
            if (best == null || STATE_ORDER.get(stored.state()) > STATE_ORDER.get(best.state())) {
                best = stored;
            }
        }
        return best;
    }

    void broadcast(AmiWire.Message event, String eventClass) {
        String wire = event.toWire();
        for (FakeAmiSession session : sessions) {
            session.sendEvent(wire, eventClass);
        }
    }

    private static String cut(String wireText) {
        return wireText.length() <= EVENT_FIELD_BYTES ? wireText : wireText.substring(0, EVENT_FIELD_BYTES);
    }

    /** ast_escape_c on the byte-per-char form; bytes >= 0x80 pass through. */
    static String escapeC(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\u0007' -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u000B' -> out.append("\\v");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '?' -> out.append("\\?");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Asterisk's ast_base64decode: stops at '=' or the end, maps every character outside the
     * alphabet to 0x3F and keeps whole bytes only ("%%%" gives 0xFF 0xFF, as recorded).
     */
    static String asteriskBase64Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length() && text.charAt(i) != '='; i++) {
            int sextet = alphabet.indexOf(text.charAt(i));
            buffer = (buffer << 6) | (sextet < 0 ? 0x3F : sextet);
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.append((char) ((buffer >> bits) & 0xFF));
            }
            buffer &= (1 << bits) - 1;
        }
        return out.toString();
    }

    static boolean isPresenceState(String state) {
        return STATES.contains(state);
    }

    Set<String> presentities() {
        return Set.copyOf(store.keySet());
    }

    /** Presentity names are keyed by the part after the provider label, whose case does not matter. */
    private static String key(String presentity) {
        return presentity.regionMatches(true, 0, PROVIDER, 0, PROVIDER.length())
                ? presentity.substring(PROVIDER.length()) : presentity;
    }

    private static String canonical(String presentity) {
        return PROVIDER + key(presentity);
    }
}
