package io.presencehub.asterisk;

import io.presencehub.calls.DeviceState;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.PingThread;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The hub's one AMI login: keeps it up, resynchronises after every (re)connect and hands presence
 * (and device state) changes and lists to the owner.
 *
 * <p>Threads: asterisk-java reads the socket and pumps events on its own threads; this class only
 * translates a PresenceStateChange or DeviceStateChange there ({@link AmiPresenceFollower},
 * {@link AmiDeviceFollower}) and passes it to the owner's consumers, in Asterisk's order. Those consumers
 * must never block (in the hub: {@link AsteriskInbox} and {@link AsteriskDeviceInbox}, which coalesce),
 * because a slow listener would stall the reader and Asterisk disconnects clients that stop reading.
 * A "supervisor" thread logs in with back-off, runs PresenceStateList and DeviceStateList, waits for
 * the link to drop and starts again.
 *
 * <p>asterisk-java reconnects by itself after a dropped link (but never after a failed first login).
 * To keep one predictable policy, the supervisor cancels that internal loop with {@code logoff()}
 * and does every login itself, always followed by a resync.
 */
public final class AmiConnection {
    private static final Logger LOG = LoggerFactory.getLogger(AmiConnection.class);

    private static final String RESYNC_ACTION_PREFIX = "presencehub-resync-";
    private static final long RESYNC_TIMEOUT_MS = 15_000;
    private static final long ACTION_TIMEOUT_MS = 5_000;

    private final AsteriskSettings settings;
    private final AmiPresenceFollower presences;
    private final ManagerConnection connection;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicLong resyncCounter = new AtomicLong();
    private final Object lifecycle = new Object();

    private volatile boolean running;
    private volatile boolean connected;
    private volatile String lastError = "not started";
    private volatile AmiDeviceFollower devices = new AmiDeviceFollower(DeviceReports.NONE);
    private volatile Runnable beforeLogin = () -> { };
    private ExecutorService supervisor;
    private PingThread pingThread;

    /**
     * @param onChange   called for every live PresenceStateChange, in Asterisk's order, on asterisk-java's event
     *                   thread: must return at once and never send an action
     * @param onSnapshot called with the full PresenceStateList after every (re)connect, in order with the changes
     *                   and on the same thread; presentities absent from it are not set in Asterisk
     */
    public AmiConnection(AsteriskSettings settings, Consumer<AsteriskPresence> onChange,
                         Consumer<List<AsteriskPresence>> onSnapshot) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.presences = new AmiPresenceFollower(Objects.requireNonNull(onChange, "onChange"),
                Objects.requireNonNull(onSnapshot, "onSnapshot"));
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(),
                settings.secret()).createManagerConnection();
        connection.setSocketReadTimeout(millis(settings.readTimeout()));
        connection.setSocketTimeout(millis(settings.readTimeout()));
        connection.registerUserEventClass(PresenceStateChangeEvent.class);
        connection.registerUserEventClass(PresenceStateListCompleteEvent.class);
        // replaces asterisk-java's own DeviceStateChangeEvent, which cannot carry a list's ActionID
        connection.registerUserEventClass(DeviceStateChangeEvent.class);
        connection.registerUserEventClass(DeviceStateListCompleteEvent.class);
        connection.addEventListener(this::onManagerEvent);
    }

    /**
     * Runs on the supervisor thread before every login attempt: the owner stops writing until it has taken the
     * snapshot of the coming login into account (writes are refused until that snapshot is handed over anyway).
     */
    public void beforeLogin(Runnable action) {
        this.beforeLogin = Objects.requireNonNull(action, "action");
    }

    /**
     * Follows device states too: live DeviceStateChange events and the DeviceStateList after every login go to
     * {@code reports}, on asterisk-java's event thread, in order with each other (so it must return at once). Set
     * before {@link #start}.
     */
    public void followDevices(DeviceReports reports) {
        this.devices = new AmiDeviceFollower(Objects.requireNonNull(reports, "reports"));
    }

    /**
     * Starts connecting in the background on {@code supervisor}, a single-thread executor the caller names (in the
     * hub: {@code ami-supervisor} from Camel's ExecutorServiceManager); {@link #stop()} shuts it down. Never throws
     * because Asterisk is down or refuses the login.
     */
    public void start(ExecutorService supervisor) {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            lastError = "connecting";
            this.supervisor = supervisor;
            pingThread = new PingThread(connection);
            pingThread.setInterval(millis(settings.pingInterval()));
            // timeout 0: fire and forget. The Ping only keeps traffic flowing; the socket read timeout
            // is what turns a silent (half-open) link into a DisconnectEvent.
            pingThread.setTimeout(0);
            supervisor.execute(this::supervise);
            pingThread.start();
        }
    }

    /** Logs off and stops all threads. */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            connected = false;
            pingThread.die();
            supervisor.shutdownNow();
            awaitTermination(supervisor);
            closeQuietly();
            lastError = "stopped";
        }
    }

    /** True once logged in and the snapshot of that login has been handed over; false while reconnecting. */
    public boolean isConnected() {
        return connected;
    }

    /** Why the link is not up (for a health check); null while connected. */
    public String lastError() {
        return connected ? null : lastError;
    }

    /**
     * Sets {@code PRESENCE_STATE(presentity)}. Blocks until Asterisk answers, so it must not be called
     * on asterisk-java's event thread (it would wait for a response that thread has to deliver), so
     * not from the {@code onChange}/{@code onSnapshot} consumers either.
     *
     * @return the encoded write, whose {@link EncodedPresence#expectedEcho()} is what Asterisk will report back
     * @throws InvalidPresenceException  if the value is not one Asterisk accepts (nothing is sent)
     * @throws AmiRejectedException      if Asterisk answers with an error ("Variable not set")
     * @throws AmiNotConnectedException  if the link is down or dropped before the answer
     */
    public EncodedPresence write(String presentity, String state, String subtype, String message) {
        EncodedPresence encoded = PresenceValueEncoder.encode(presentity, state, subtype, message);
        setvar(encoded.variable(), encoded.value(), presences.listed());
        return encoded;
    }

    /**
     * Sets {@code DEVICE_STATE(device)}, e.g. the hub's {@code Custom:teams-2001} to INUSE; blocks as
     * {@link #write} does and throws what it throws (but for InvalidPresenceException).
     */
    public void writeDeviceState(String device, DeviceState state) {
        setvar("DEVICE_STATE(" + device + ")", state.name(), devices.listed());
    }

    private void setvar(String variable, String value, boolean listed) {
        if (!listed) {
            // logged in but its list not handed over yet: a write now could be missing from (or older than)
            // the list the owner is about to take for Asterisk's truth
            throw new AmiNotConnectedException("Setvar " + variable + " not sent: AMI " + settings.address()
                    + " is not resynchronised yet");
        }
        ManagerResponse response = send(new SetVarAction(variable, value), "Setvar " + variable);
        if (response instanceof ManagerError) {
            throw new AmiRejectedException("Asterisk rejected Setvar " + variable + "=" + value + ": "
                    + response.getMessage(), response.getMessage());
        }
    }

    private ManagerResponse send(org.asteriskjava.manager.action.ManagerAction action, String what) {
        if (Thread.currentThread().getName().endsWith(":AsyncEventPump")) {
            throw new IllegalStateException(what + " must not be sent from asterisk-java's event thread");
        }
        if (!running || connection.getState() != ManagerConnectionState.CONNECTED) {
            throw new AmiNotConnectedException(what + " not sent: AMI " + settings.address() + " is not connected");
        }
        ManagerResponse response;
        try {
            response = connection.sendAction(action, ACTION_TIMEOUT_MS);
        } catch (IllegalStateException e) {
            throw new AmiNotConnectedException(what + " not sent: AMI " + settings.address() + " is not connected", e);
        } catch (IOException | TimeoutException e) {
            throw new AmiNotConnectedException(what + " got no answer from AMI " + settings.address() + ": " + e.getMessage(), e);
        }
        if (response == null) {
            // asterisk-java answers null when the link dropped while waiting
            throw new AmiNotConnectedException(what + ": AMI " + settings.address() + " disconnected before answering");
        }
        return response;
    }

    // ---- asterisk-java event thread: translate and pass on, nothing else ----

    private void onManagerEvent(ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            signals.offer(Signal.DISCONNECTED);
        } else if (!presences.handles(event)) {
            devices.handles(event);
        }
    }

    // ---- supervisor thread ----

    private void supervise() {
        Duration backoff = settings.reconnectMin();
        while (running) {
            Duration wait;
            try {
                signals.clear();
                beforeLogin.run();
                presences.forgetList();
                devices.forgetList();
                connection.login();
                resync();
                connected = true;
                backoff = settings.reconnectMin();
                LOG.info("AMI connected to {} as {}", settings.address(), settings.username());
                awaitDisconnect();
                connected = false;
                if (!running) {
                    return;
                }
                report("AMI connection to " + settings.address() + " lost; reconnecting");
                wait = settings.reconnectMin();
            } catch (AuthenticationFailedException e) {
                if (e.getCause() == null) {
                    // Asterisk itself refused the login: retrying fast only fills its security log
                    report("AMI login to " + settings.address() + " as " + settings.username() + " failed: " + e.getMessage());
                    wait = settings.authRetry();
                } else {
                    report("AMI login to " + settings.address() + " as " + settings.username() + " failed: "
                            + e.getMessage() + " (" + e.getCause().getMessage() + ")");
                    wait = backoff;
                    backoff = longer(backoff);
                }
            } catch (IOException | TimeoutException | AmiException e) {
                report("AMI connection to " + settings.address() + " failed: " + describe(e));
                wait = backoff;
                backoff = longer(backoff);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                report("AMI connection to " + settings.address() + " failed: " + describe(e));
                wait = backoff;
                backoff = longer(backoff);
            }
            connected = false;
            closeQuietly();
            if (!sleep(wait)) {
                return;
            }
        }
    }

    /** Runs PresenceStateList (and DeviceStateList when devices are followed) and waits for their hand-over. */
    private void resync() throws IOException, InterruptedException {
        presences.resync(connection, nextActionId(), RESYNC_TIMEOUT_MS);
        devices.resync(connection, nextActionId(), RESYNC_TIMEOUT_MS).ifPresent(this::report);
    }

    private String nextActionId() {
        return RESYNC_ACTION_PREFIX + resyncCounter.incrementAndGet();
    }

    private void awaitDisconnect() throws InterruptedException {
        while (running) {
            Signal signal = signals.poll(1, TimeUnit.SECONDS);
            if (signal == Signal.DISCONNECTED || connection.getState() != ManagerConnectionState.CONNECTED) {
                return;
            }
        }
    }

    private void report(String error) {
        if (!error.equals(lastError)) {
            LOG.warn(error);
        } else {
            LOG.debug(error);
        }
        lastError = error;
    }

    /** Cancels asterisk-java's own reconnect loop (and the login, if any) so only the supervisor reconnects. */
    private void closeQuietly() {
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            try {
                connection.logoff();
            } catch (RuntimeException e) {
                LOG.debug("AMI logoff failed: {}", e.toString());
            }
        }
    }

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax() : doubled;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Signal { DISCONNECTED }
}
