package io.presencehub.asterisk;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One client connection of {@link FakeAsterisk}: reads actions on its own thread and answers them. */
final class FakeAmiSession {
    private static final Pattern PRESENCE_STATE_FUNCTION =
            Pattern.compile("PRESENCE_STATE\\((.*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEVICE_STATE_FUNCTION =
            Pattern.compile("DEVICE_STATE\\((.*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> ALL_CLASSES = Set.of("system", "call", "security");
    private static final DateTimeFormatter EVENT_TV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    private final FakeAsterisk asterisk;
    private final Socket socket;
    private final int id;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final String sessionTv = OffsetDateTime.now(ZoneOffset.UTC).format(EVENT_TV);
    private volatile long writeStartedNanos;
    private volatile boolean closed;
    private volatile FakeAsterisk.User user;
    private volatile Set<String> eventClasses = Set.of();
    private String challenge;

    FakeAmiSession(FakeAsterisk asterisk, Socket socket, int id) throws IOException {
        this.asterisk = asterisk;
        this.socket = socket;
        this.id = id;
        this.out = socket.getOutputStream();
    }

    void start() {
        Thread thread = new Thread(this::run, "fake-asterisk-session-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    boolean isAuthenticated() {
        return user != null && !closed;
    }

    void close() {
        closed = true;
        FakeAsterisk.closeQuietly(socket);
        asterisk.removed(this);
    }

    /** Called by the watchdog: a write blocked longer than the timeout closes the connection, silently. */
    void closeIfWriteStuck(long timeoutNanos) {
        long started = writeStartedNanos;
        if (started != 0 && System.nanoTime() - started > timeoutNanos) {
            close();
        }
    }

    void sendEvent(String wire, String eventClass) {
        if (isAuthenticated() && user.full() && eventClasses.contains(eventClass)) {
            send(wire);
        }
    }

    void sendRawIfAuthenticated(String wire) {
        if (isAuthenticated()) {
            send(wire);
        }
    }

    private void send(String wire) {
        if (closed || asterisk.muted()) {
            return;
        }
        synchronized (writeLock) {
            writeStartedNanos = System.nanoTime();
            try {
                out.write(wire.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                close();
            } finally {
                writeStartedNanos = 0;
            }
        }
    }

    /** A failed login is being answered late: stop reading, the answer closes the connection. */
    private volatile boolean answeringLate;

    private void run() {
        try {
            send(FakeAsterisk.BANNER);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            List<AmiWire.Header> headers = new ArrayList<>();
            String line;
            while (!closed && !answeringLate && (line = AmiWire.readLine(in)) != null) {
                if (!line.isEmpty()) {
                    AmiWire.Header header = AmiWire.parseLine(line);
                    if (header != null) {
                        headers.add(header);
                    }
                    continue;
                }
                if (!headers.isEmpty()) {
                    handle(new AmiWire.Message(List.copyOf(headers)));
                    headers.clear();
                }
            }
        } catch (IOException | InterruptedException e) {
            // client gone or fake stopping
        } finally {
            if (!answeringLate) {
                close(); // else the late answer closes the connection
            }
        }
    }

    private void handle(AmiWire.Message action) throws InterruptedException {
        if (asterisk.muted()) {
            return;
        }
        String name = action.get("Action");
        String actionId = action.get("ActionID");
        if (name == null || name.isEmpty()) {
            error(actionId, "Missing action in request");
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (user == null && !Set.of("login", "challenge", "logoff").contains(lower)) {
            error(actionId, "Permission denied");
            return;
        }
        switch (lower) {
            case "login" -> login(action, actionId);
            case "challenge" -> {
                challenge = asterisk.challenge();
                respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                        .add("Challenge", challenge));
            }
            case "logoff" -> {
                respond(AmiWire.message().add("Response", "Goodbye").addIfPresent("ActionID", actionId)
                        .add("Message", "Thanks for all the fish."));
                close();
            }
            case "ping" -> respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                    .add("Ping", "Pong").add("Timestamp", timestamp()));
            case "events" -> events(action, actionId);
            case "coresettings" -> coreSettings(actionId);
            case "command" -> command(action, actionId);
            case "presencestate" -> presenceState(action, actionId);
            case "presencestatelist" -> presenceStateList(actionId);
            case "devicestatelist" -> deviceStateList(actionId);
            case "extensionstate" -> extensionState(action, actionId);
            case "setvar" -> setvar(action, actionId);
            case "getvar" -> getvar(action, actionId);
            case "originate" -> error(actionId, user.full() ? "Originate is not faked" : "Permission denied");
            default -> error(actionId, "Invalid/unknown command: " + name
                    + ". Use Action: ListCommands to show available commands.");
        }
    }

    private void login(AmiWire.Message action, String actionId) throws InterruptedException {
        String username = action.get("Username");
        if (user != null) {
            successfulAuth(user);
            respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                    .add("Message", "Already authenticated"));
            return;
        }
        FakeAsterisk.User candidate = asterisk.user(username);
        boolean ok;
        if ("md5".equalsIgnoreCase(action.get("AuthType"))) {
            asterisk.countLoginAttempt();
            ok = candidate != null && challenge != null && md5(challenge + candidate.secret()).equals(action.get("Key"));
        } else {
            ok = asterisk.checkLogin(username, action.get("Secret"));
        }
        if (!ok) {
            // Asterisk answers a failed login about a second late, then hangs up; reads nothing meanwhile
            answeringLate = true;
            asterisk.later(asterisk.authFailureDelay(), () -> {
                error(actionId, "Authentication failed");
                close();
            });
            return;
        }
        user = candidate;
        String events = action.get("Events");
        eventClasses = events == null ? ALL_CLASSES : mask(events);
        respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                .add("Message", "Authentication accepted"));
        long uptime = (System.currentTimeMillis() - asterisk.startedAt) / 1000;
        sendEvent(AmiWire.message().add("Event", "FullyBooted").add("Privilege", "system,all")
                .add("Uptime", String.valueOf(uptime)).add("LastReload", String.valueOf(uptime))
                .add("Status", "Fully Booted").build().toWire(), "system");
        successfulAuth(candidate);
    }

    private void successfulAuth(FakeAsterisk.User who) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).format(EVENT_TV);
        asterisk.broadcast(AmiWire.message().add("Event", "SuccessfulAuth").add("Privilege", "security,all")
                .add("EventTV", now).add("Severity", "Informational").add("Service", "AMI").add("EventVersion", "1")
                .add("AccountID", who.name()).add("SessionID", String.format("0x%012x", id))
                .add("LocalAddress", "IPV4/TCP/127.0.0.1/" + socket.getLocalPort())
                .add("RemoteAddress", "IPV4/TCP/127.0.0.1/" + socket.getPort())
                .add("UsingPassword", "0").add("SessionTV", sessionTv).build(), "security");
    }

    private static Set<String> mask(String events) {
        String lower = events.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("on") || lower.equals("all")) {
            return ALL_CLASSES;
        }
        Set<String> classes = new java.util.HashSet<>();
        for (String part : lower.split(",")) {
            String p = part.trim();
            if (Set.of("system", "call", "security", "reporting", "log", "verbose", "command", "agent", "user",
                    "config", "dtmf", "cdr", "dialplan", "originate", "agi", "cc", "aoc", "test", "message").contains(p)) {
                classes.add(p);
            }
        }
        return Set.copyOf(classes);
    }

    private void events(AmiWire.Message action, String actionId) {
        String mask = action.get("EventMask");
        if (mask == null) {
            error(actionId, "Invalid event mask");
            return;
        }
        eventClasses = mask(mask);
        respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                .add("Events", eventClasses.isEmpty() ? "Off" : "On"));
    }

    private void coreSettings(String actionId) {
        respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                .add("AMIversion", "12.0.0").add("AsteriskVersion", "23.4.1").add("SystemName", "")
                .add("CoreMaxCalls", "0").add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "")
                .add("CoreRunGroup", "").add("CoreMaxFilehandles", "0").add("CoreRealTimeEnabled", "No")
                .add("CoreCDRenabled", "No").add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
    }

    /** Not in the recordings: Asterisk 14+ answers Command with Output lines; asterisk-java asks for the version at login. */
    private void command(AmiWire.Message action, String actionId) {
        String command = String.valueOf(action.get("Command")).trim();
        String output = command.equalsIgnoreCase("core show version")
                ? "Asterisk 23.4.1 built by fake @ fakeasterisk on a x86_64 running Linux"
                : "No such command '" + command + "' (type 'core show help " + command + "' for other possible commands)";
        respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                .add("Message", "Command output follows").add("Output", output));
    }

    private void presenceState(AmiWire.Message action, String actionId) {
        String provider = action.get("Provider");
        if (provider == null || provider.isEmpty()) {
            error(actionId, "No provider specified");
            return;
        }
        FakeAsterisk.Stored stored = asterisk.aggregate(provider);
        if (stored == null) {
            error(actionId, "Invalid provider " + provider + " or provider in invalid state");
            return;
        }
        // values go out decoded and unescaped here, as Asterisk does (raw newlines included)
        AmiWire.Builder b = AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                .add("Message", "Presence State").add("State", stored.state());
        if (!stored.subtype().isEmpty()) {
            b.add("Subtype", stored.subtype());
        }
        if (!stored.message().isEmpty()) {
            b.add("Message", stored.message()).add("PresenceMessage", stored.message());
        }
        respond(b);
    }

    private void presenceStateList(String actionId) {
        // holding the presence lock keeps the list consistent with the changes around it
        synchronized (asterisk.presenceLock) {
            respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                    .add("EventList", "start").add("Message", "Presence State Changes will follow"));
            List<FakeAsterisk.Stored> all = asterisk.storedNewestFirst();
            for (FakeAsterisk.Stored stored : all) {
                AmiWire.Message item = asterisk.changeEvent(stored, actionId == null ? "" : actionId);
                if (actionId == null) {
                    item = withoutHeader(item, "ActionID");
                }
                send(item.toWire());
            }
            Runnable interleaved = asterisk.takeDuringNextList();
            if (interleaved != null) {
                interleaved.run();
            }
            send(AmiWire.message().add("Event", "PresenceStateListComplete").addIfPresent("ActionID", actionId)
                    .add("EventList", "Complete").add("ListItems", String.valueOf(all.size())).build().toWire());
        }
    }

    private void deviceStateList(String actionId) {
        synchronized (asterisk.presenceLock) {
            respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                    .add("EventList", "start").add("Message", "Device State Changes will follow"));
            Map<String, String> all = asterisk.devices().all();
            all.forEach((device, state) -> send(AmiWire.message().add("Event", "DeviceStateChange")
                    .addIfPresent("ActionID", actionId).add("Device", device).add("State", state).build().toWire()));
            send(AmiWire.message().add("Event", "DeviceStateListComplete").addIfPresent("ActionID", actionId)
                    .add("EventList", "Complete").add("ListItems", String.valueOf(all.size())).build().toWire());
        }
    }

    /** Setvar DEVICE_STATE(Custom:x)=STATE: answered, then the DeviceStateChange and ExtensionStatus events. */
    private void setDeviceState(String device, String value, String actionId) {
        synchronized (asterisk.presenceLock) {
            if (!asterisk.devices().acceptSetvar(device, value)) {
                error(actionId, "Variable not set");
                return;
            }
            respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                    .add("Message", "Variable Set"));
            asterisk.devices().change(device, value.toUpperCase(Locale.ROOT), asterisk.allHints())
                    .forEach(event -> asterisk.broadcast(event, "call"));
        }
    }

    private void extensionState(AmiWire.Message action, String actionId) {
        String exten = action.get("Exten");
        String context = action.get("Context");
        java.util.Optional<FakeAsterisk.Hint> hint = asterisk.hint(exten, context);
        int status = hint.map(h -> asterisk.devices().status(h)).orElse(-1);
        respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                .add("Message", "Extension Status").add("Exten", exten).add("Context", context)
                .add("Hint", hint.map(FakeAsterisk.Hint::hint).orElse("")).add("Status", String.valueOf(status))
                .add("StatusText", status < 0 ? "Unknown" : FakeDevices.statusText(status)));
    }

    private void setvar(AmiWire.Message action, String actionId) {
        String variable = action.get("Variable");
        if (variable == null || variable.isEmpty()) {
            error(actionId, "No variable specified");
            return;
        }
        if (!user.full()) {
            error(actionId, "Permission denied");
            return;
        }
        String value = action.get("Value");
        Matcher device = DEVICE_STATE_FUNCTION.matcher(variable);
        if (device.matches()) {
            setDeviceState(device.group(1), value, actionId);
            return;
        }
        Matcher function = PRESENCE_STATE_FUNCTION.matcher(variable);
        if (!function.matches()) {
            asterisk.setGlobal(variable, value == null ? "" : value);
            respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                    .add("Message", "Variable Set"));
            return;
        }
        synchronized (asterisk.presenceLock) {
            boolean ok = asterisk.writeFromSetvar(function.group(1), value,
                    () -> respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                            .add("Message", "Variable Set")));
            if (!ok) {
                error(actionId, "Variable not set");
            }
        }
    }

    private void getvar(AmiWire.Message action, String actionId) {
        String variable = action.get("Variable");
        if (variable == null || variable.isEmpty()) {
            error(actionId, "No variable specified");
            return;
        }
        Matcher function = PRESENCE_STATE_FUNCTION.matcher(variable);
        Matcher device = DEVICE_STATE_FUNCTION.matcher(variable);
        String value = function.matches() ? presenceField(function.group(1))
                : device.matches() ? asterisk.devices().state(device.group(1)).orElse("UNKNOWN") : asterisk.global(variable);
        respond(AmiWire.message().add("Response", "Success").addIfPresent("ActionID", actionId)
                .add("Variable", variable).add("Value", value));
    }

    /** PRESENCE_STATE(provider,field[,e]) read: unknown provider or field gives "" (Getvar never fails). */
    private String presenceField(String arguments) {
        String[] args = arguments.split(",", -1);
        if (args.length < 2) {
            return "";
        }
        boolean base64 = args.length > 2 && args[2].equals("e");
        return asterisk.stored(args[0]).map(s -> switch (args[1]) {
            case "value" -> s.state();
            case "subtype" -> base64 ? b64(s.subtypeB64(), s.subtype()) : s.subtype();
            case "message" -> base64 ? b64(s.messageB64(), s.message()) : s.message();
            default -> "";
        }).orElse(args[0].regionMatches(true, 0, FakeAsterisk.PROVIDER, 0, FakeAsterisk.PROVIDER.length())
                && args[1].equals("value") ? "not_set" : "");
    }

    private static String b64(String stored, String decoded) {
        return stored != null ? stored
                : java.util.Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static AmiWire.Message withoutHeader(AmiWire.Message message, String name) {
        return new AmiWire.Message(message.headers().stream().filter(h -> !h.name().equalsIgnoreCase(name)).toList());
    }

    private void error(String actionId, String message) {
        respond(AmiWire.message().add("Response", "Error").addIfPresent("ActionID", actionId).add("Message", message));
    }

    private void respond(AmiWire.Builder response) {
        send(response.build().toWire());
    }

    private static String timestamp() {
        java.time.Instant now = java.time.Instant.now();
        return String.format(Locale.ROOT, "%d.%06d", now.getEpochSecond(), now.getNano() / 1000);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
