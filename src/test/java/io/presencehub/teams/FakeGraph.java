package io.presencehub.teams;

import io.presencehub.testing.TestHub;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Microsoft Graph and token host for tests: real HTTP on 127.0.0.1 (port 0), enforcing the rules in
 * {@code shared/reference/microsoft-graph.md}: client-credentials tokens with AADSTS errors, bearer checks, user
 * look-up with paging, presence reads, the setPresence session rules and aggregation, throttling with fractional
 * Retry-After, and injectable outages. All time (token and session expiry, fades, throttling window) runs on one
 * {@link FakeClock}; make it ticking for real-time behaviour or frozen for exact arithmetic. The read-access sign-in
 * (authorize, authorization_code and refresh_token grants, delegated tokens) lives in {@link FakeGraphSignIn}; presence
 * subscriptions, the validation handshake, deliveries and lifecycle events in {@link FakeGraphSubscriptions} and
 * {@link FakeGraphNotifier}.
 *
 * <p>Choices where the reference is silent: unknown ids in getPresencesByUserId are omitted from the answer (200);
 * a user with no session reads Offline/Offline; a preferred state shows only while some session exists; equal-rank
 * sessions resolve in favour of the user's own Teams client; injected faults are answered before the bearer check
 * and do not count against the presence budget; throttled requests do count.
 */
public final class FakeGraph implements AutoCloseable {

    /** The endpoints the fake tells apart, for counting. */
    public enum Endpoint {
        TOKEN(false), AUTHORIZE(false), GET_USER(false), LIST_USERS(false), GET_PRESENCES_BY_USER_ID(true), GET_PRESENCE(true),
        SET_PRESENCE(true), CLEAR_PRESENCE(true), SET_STATUS_MESSAGE(true), SET_USER_PREFERRED_PRESENCE(true),
        CLEAR_USER_PREFERRED_PRESENCE(true), CREATE_SUBSCRIPTION(false), RENEW_SUBSCRIPTION(false),
        DELETE_SUBSCRIPTION(false), LIST_SUBSCRIPTIONS(false), GET_SUBSCRIPTION(false), UNKNOWN(false);

        private final boolean presence;

        Endpoint(boolean presence) {
            this.presence = presence;
        }

        /** Reads and writes of the presence resource share the throttling budget. */
        public boolean countsForPresenceBudget() {
            return presence;
        }
    }

    /** A write received on a presence endpoint, with the status the fake answered. */
    public record WriteCall(Endpoint endpoint, String userId, String body, int status) {
        /** The body as a JSON tree, for assertions. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A Graph request the fake answered (not the token host): the user of a {@code /users/{id}} path (else null), both
     * bodies, and when it arrived and when its answer had been sent, in {@link System#nanoTime()}.
     */
    public record Served(Endpoint endpoint, String userId, String requestBody, int status, String responseBody,
                         long receivedNanos, long answeredNanos) {
    }

    /** What a reader of the user's presence sees now. */
    public record PresenceView(String availability, String activity, String statusMessage, String sequenceNumber) {
        public String pair() {
            return availability + "/" + activity;
        }
    }

    /** The app session the fake holds for a user. */
    public record AppSessionView(String availability, String activity, Instant setAt, Instant expiresAt) {
        public String pair() {
            return availability + "/" + activity;
        }
    }

    /** A presence subscription Graph still has (neither removed nor expired on the fake clock). */
    public record SubscriptionView(String id, List<String> userIds, Instant expiresAt, String clientState,
                                   String notificationUrl, String lifecycleUrl, boolean deliveringStopped) {
    }

    /** A change notification posted to the hub: its answer ({@link #NO_ANSWER}: none in time) and its duration. */
    public record Delivery(String subscriptionId, String userId, int hubStatus, Duration took) {
        public static final int NO_ANSWER = 0;
    }

    /** A lifecycle notification posted to the hub, with its answer ({@link Delivery#NO_ANSWER}: none). */
    public record LifecycleDelivery(String subscriptionId, String lifecycleEvent, int hubStatus, Duration took) {
    }

    public static final String TENANT_ID = "fake-tenant";
    public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String CLIENT_SECRET = "fake~Secret.Value_0123456789";
    /** A second app registration, for the delegated read-access sign-in (the write app may sign in too). */
    public static final String READ_CLIENT_ID = "66666666-7777-8888-9999-000000000000";
    public static final String READ_CLIENT_SECRET = "fake~Read.Secret_9876543210";
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    public static final int MAX_IDS_PER_PRESENCE_CALL = 650;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<FakeTeamsUser.Pair> SESSION_PAIRS = List.of(
            new FakeTeamsUser.Pair("Available", "Available"), new FakeTeamsUser.Pair("Busy", "InACall"),
            new FakeTeamsUser.Pair("Busy", "InAConferenceCall"), new FakeTeamsUser.Pair("Away", "Away"),
            new FakeTeamsUser.Pair("DoNotDisturb", "Presenting"));
    private static final List<FakeTeamsUser.Pair> PREFERRED_PAIRS = List.of(
            new FakeTeamsUser.Pair("Available", "Available"), new FakeTeamsUser.Pair("Busy", "Busy"),
            new FakeTeamsUser.Pair("DoNotDisturb", "DoNotDisturb"),
            new FakeTeamsUser.Pair("BeRightBack", "BeRightBack"), new FakeTeamsUser.Pair("Away", "Away"),
            new FakeTeamsUser.Pair("Offline", "OffWork"));
    private static final Duration MIN_SESSION = Duration.ofMinutes(5);
    private static final Duration MAX_SESSION = Duration.ofHours(4);
    private static final Pattern TOKEN_PATH = Pattern.compile("^/login/([^/]+)/oauth2/v2\\.0/token$");
    private static final Pattern AUTHORIZE_PATH = Pattern.compile("^/login/([^/]+)/oauth2/v2\\.0/authorize$");
    private static final Pattern FILTER = Pattern.compile(
            "^\\s*(mail|userPrincipalName)\\s+eq\\s+'((?:[^']|'')*)'\\s*$", Pattern.CASE_INSENSITIVE);

    private final FakeClock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService delayedAnswers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fake-graph-delayed-answers");
        thread.setDaemon(true);
        return thread;
    });

    // token host
    private String clientSecret = CLIENT_SECRET;
    private boolean secretExpired;
    private Duration tokenLifetime = Duration.ofSeconds(3599);
    private Duration tokenDelay = Duration.ZERO;
    private ObjectNode forcedTokenError;
    private int forcedTokenErrorStatus;
    private final Map<String, IssuedToken> tokens = new HashMap<>();
    private int tokensIssued;
    private int delegatedTokensIssued;
    private final FakeGraphSignIn signIn = new FakeGraphSignIn(this);
    private final FakeGraphSubscriptions subscriptions = new FakeGraphSubscriptions(this, new FakeGraphNotifier());

    // directory and presence
    private final List<FakeTeamsUser> users = new ArrayList<>();
    private int usersPageSize = 100;
    private long sequence;

    // throttling and faults
    private int presenceBudget = 1500;
    private Duration throttleWindow = Duration.ofSeconds(30);
    private final Deque<Instant> presenceRequests = new ArrayDeque<>();
    private int faultsLeft;
    private Instant faultUntil;
    private int faultStatus;
    private String faultRetryAfter;

    // observability
    private final Map<Endpoint, Integer> requestCounts = new EnumMap<>(Endpoint.class);
    private final List<WriteCall> writeCalls = new ArrayList<>();
    private int maxIdsInOneCall;
    private int throttledCount;
    private volatile Consumer<Served> servedListener;

    private FakeGraph(FakeClock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-graph");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/login/", this::handleLogin);
        server.createContext("/v1.0/", this::handleGraph);
        server.start();
    }

    /** Starts a fake on a free port whose clock runs with real time (and can jump ahead). */
    public static FakeGraph start() {
        return start(FakeClock.ticking());
    }

    /** Starts a fake on a free port with the given clock. */
    public static FakeGraph start(FakeClock clock) {
        try {
            return new FakeGraph(clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        subscriptions.close();
        executor.shutdownNow();
        delayedAnswers.shutdownNow();
    }

    // ---------------------------------------------------------------- addresses and settings

    /** Base URL of the token host, e.g. {@code http://127.0.0.1:P/login}. */
    public String loginUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/login";
    }

    /** Base URL of Graph, e.g. {@code http://127.0.0.1:P/v1.0}. */
    /** Points a test hub at this fake with the valid app credentials (Teams sync on). */
    public TestHub connect(TestHub hub) {
        return hub.with("hub.teams.enabled", "true")
                .with("hub.teams.tenant-id", TENANT_ID)
                .with("hub.teams.client-id", CLIENT_ID)
                .with("hub.teams.client-secret", CLIENT_SECRET)
                .with("hub.teams.graph-url", graphUrl())
                .with("hub.teams.login-url", loginUrl());
    }

    public String graphUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1.0";
    }

    /** Settings for the hub pointing at this fake with the valid credentials. */
    public GraphSettings settings() {
        return new GraphSettings(TENANT_ID, CLIENT_ID, CLIENT_SECRET, graphUrl(), loginUrl());
    }

    public FakeClock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- token host controls

    /** Lifetime of new tokens (expires_in); tokens expire on the fake clock. */
    public synchronized FakeGraph tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    /** Delays every token answer in real time, so concurrent callers overlap. */
    public synchronized FakeGraph tokenResponseDelay(Duration delay) {
        this.tokenDelay = delay;
        return this;
    }

    /** The app gets a new secret; the old one now fails with AADSTS7000215. */
    public synchronized void rotateSecret(String newSecret) {
        clientSecret = newSecret;
        secretExpired = false;
    }

    /** The current secret expires; it now fails with AADSTS7000222. */
    public synchronized void expireSecret() {
        secretExpired = true;
    }

    /** Every token request fails with this AADSTS error until {@link #clearTokenFailure()} (e.g. 65001). */
    public synchronized void failTokenRequestsWith(int status, String error, int aadsts, String description) {
        forcedTokenErrorStatus = status;
        forcedTokenError = aadstsBody(error, aadsts, description);
    }

    public synchronized void clearTokenFailure() {
        forcedTokenError = null;
    }

    // ---------------------------------------------------------------- sign-in controls (FakeGraphSignIn)

    /** The authorize endpoint consents automatically for this existing Graph user. */
    public synchronized FakeGraph signInAs(String userId) {
        signIn.signInAs(existing(userId));
        return this;
    }

    /** Every authorize request redirects with this error (e.g. consent_required, 65001) until cleared. */
    public synchronized void failAuthorizeWith(String error, int aadsts, String description) {
        signIn.failAuthorizeWith(error, aadsts, description);
    }

    public synchronized void clearAuthorizeFailure() {
        signIn.clearAuthorizeFailure();
    }

    /** Every refresh token issued so far answers 400 invalid_grant AADSTS700082 from now on. */
    public synchronized void revokeRefreshTokens() {
        signIn.revokeRefreshTokens();
    }

    /** Successful refresh_token grants so far. */
    public synchronized int refreshGrants() {
        return signIn.refreshGrants();
    }

    /** The newest refresh token, while it still works (not rotated away, revoked or expired). */
    public synchronized Optional<String> currentRefreshToken() {
        return signIn.currentRefreshToken();
    }

    /** Delegated access tokens issued (by the authorization_code and refresh_token grants). */
    public synchronized int delegatedTokensIssued() {
        return delegatedTokensIssued;
    }

    /** Every access token issued so far, app-only and delegated, is rejected from now on (401). */
    public synchronized void revokeAllTokens() {
        tokens.clear();
    }

    // ---------------------------------------------------------------- directory controls

    /** Adds a user whose UPN equals the mail; the same mail may be added twice (a duplicate). */
    public FakeGraph addUser(String id, String mail) {
        return addUser(id, mail, mail);
    }

    public synchronized FakeGraph addUser(String id, String mail, String userPrincipalName) {
        if (findById(id).isPresent()) {
            throw new IllegalArgumentException("user id " + id + " exists already");
        }
        FakeTeamsUser user = new FakeTeamsUser(id, mail, userPrincipalName);
        users.add(user);
        refresh(user); // the first visible state, so every later change is one (and notified)
        return this;
    }

    /** A directory change: the user's mail (and UPN) becomes {@code newMail}. */
    public synchronized void changeMail(String id, String newMail) {
        FakeTeamsUser user = existing(id);
        user.mail = newMail;
        user.userPrincipalName = newMail;
    }

    public synchronized void removeUser(String id) {
        users.remove(existing(id));
    }

    /** Page size of {@code GET /users} when the caller gives no {@code $top}. */
    public synchronized FakeGraph usersPageSize(int size) {
        this.usersPageSize = size;
        return this;
    }

    // ---------------------------------------------------------------- presence controls

    /** The user's own Teams client shows this pair (e.g. Available/Available, Busy/InAMeeting). */
    public synchronized void setClientSession(String userId, String availability, String activity) {
        existing(userId).clientSession = new FakeTeamsUser.Pair(availability, activity);
        refresh(existing(userId));
    }

    /** The user signs out of Teams. */
    public synchronized void clearClientSession(String userId) {
        existing(userId).clientSession = null;
        refresh(existing(userId));
    }

    /** The user picks a state by hand in Teams; it beats every session (while any session exists). */
    public synchronized void setPreferredPresence(String userId, String availability, String activity) {
        FakeTeamsUser user = existing(userId);
        user.preferred = new FakeTeamsUser.Pair(availability, activity);
        user.preferredExpiresAt = null;
        refresh(user);
    }

    /** The user types a status message in Teams (never expiring; empty clears it). */
    public synchronized void setStatusMessage(String userId, String text) {
        setStatusMessage(userId, text, null);
    }

    /** The user types a status message in Teams that Teams clears at {@code expiry} (null: never). */
    public synchronized void setStatusMessage(String userId, String text, Instant expiry) {
        FakeTeamsUser user = existing(userId);
        user.statusMessage = text.isEmpty() ? null : text;
        user.statusMessageExpiry = text.isEmpty() ? null : expiry;
        refresh(user);
    }

    /** The user resets their state in Teams. */
    public synchronized void clearPreferredPresence(String userId) {
        existing(userId).preferred = null;
        refresh(existing(userId));
    }

    /** What a reader sees now, without counting or throttling. */
    public synchronized PresenceView presenceOf(String userId) {
        FakeTeamsUser user = existing(userId);
        FakeTeamsUser.Visible visible = refresh(user);
        return new PresenceView(visible.pair().availability(), visible.pair().activity(),
                visible.statusMessage() == null ? "" : visible.statusMessage(), user.sequenceNumber());
    }

    /** The app session (session id = the app's client id) the fake holds for the user, if any. */
    public synchronized Optional<AppSessionView> appSession(String userId) {
        FakeTeamsUser user = existing(userId);
        refresh(user);
        return user.appSession(CLIENT_ID).map(s -> new AppSessionView(s.pair().availability(),
                s.pair().activity(), s.setAt(), s.expiresAt()));
    }

    /**
     * Applies the fake clock to every user now (fades, session, preferred and status-message expiry), as Graph's own
     * timers would: visible changes get their sequence numbers and deliveries without waiting for a read.
     */
    public synchronized void runTimers() {
        users.forEach(this::refresh);
    }

    // ---------------------------------------------------------------- subscription controls (FakeGraphSubscriptions)
    // not synchronized on the fake: deliver and sendLifecycle wait for the hub, which may read presence meanwhile

    /** The subscriptions Graph has now, in creation order. */
    public List<SubscriptionView> subscriptions() {
        return subscriptions.views();
    }

    /** The subscription stays listed and renewable but delivers nothing any more (Graph's known silent stop). */
    public void stopDeliveringSilently(String subscriptionId) {
        subscriptions.stopDeliveringSilently(subscriptionId);
    }

    /** Graph drops the subscription: GET, PATCH and DELETE answer 404, nothing is delivered. */
    public void removeSubscription(String subscriptionId) {
        subscriptions.remove(subscriptionId);
    }

    /**
     * Posts a lifecycle event (reauthorizationRequired, subscriptionRemoved, missed) to the subscription's lifecycle
     * URL and returns when the hub answered; subscriptionRemoved removes it first.
     */
    public LifecycleDelivery sendLifecycle(String subscriptionId, String lifecycleEvent) {
        return subscriptions.sendLifecycle(subscriptionId, lifecycleEvent);
    }

    /**
     * Posts one change notification with any subscription id and clientState (a wrong one, an unknown id: then to the
     * newest subscription's URL) and returns when the hub answered; recorded in {@link #deliveries()}.
     */
    public Delivery deliver(String subscriptionId, String userId, String clientState) {
        return subscriptions.deliver(subscriptionId, userId, clientState);
    }

    /** Every change notification posted so far, in the order the hub answered. */
    public List<Delivery> deliveries() {
        return notifier().deliveries();
    }

    public List<LifecycleDelivery> lifecycleDeliveries() {
        return notifier().lifecycleDeliveries();
    }

    /** Validation handshake POSTs sent so far (two per create: notification and lifecycle URL). */
    public int validationRequests() {
        return notifier().validationRequests();
    }

    /** Called on a delivery thread after each change notification; must be quick. Null removes it. */
    public void deliveryListener(Consumer<Delivery> listener) {
        notifier().listener(listener);
    }

    /** How long a create waits for each validation answer (default 10 s, as Graph). */
    public FakeGraph validationTimeout(Duration timeout) {
        notifier().validationTimeout(timeout);
        return this;
    }

    private FakeGraphNotifier notifier() {
        return subscriptions.notifier();
    }

    // ---------------------------------------------------------------- throttling and faults

    /** Presence requests allowed per sliding window (default 1500 per 30 s) on the fake clock. */
    public synchronized FakeGraph presenceBudget(int requests, Duration window) {
        this.presenceBudget = requests;
        this.throttleWindow = window;
        presenceRequests.clear();
        return this;
    }

    /** The next {@code count} Graph requests fail with {@code status}; retryAfter may be null (no header). */
    public synchronized void failNext(int count, int status, String retryAfter) {
        faultsLeft = count;
        faultStatus = status;
        faultRetryAfter = retryAfter;
    }

    /** "Graph down": every Graph request fails with {@code status} for {@code span} on the fake clock. */
    public synchronized void failFor(Duration span, int status, String retryAfter) {
        faultUntil = clock.instant().plus(span);
        faultStatus = status;
        faultRetryAfter = retryAfter;
    }

    public synchronized void clearFaults() {
        faultsLeft = 0;
        faultUntil = null;
    }

    // ---------------------------------------------------------------- observability

    public synchronized int requestCount(Endpoint endpoint) {
        return requestCounts.getOrDefault(endpoint, 0);
    }

    /**
     * setPresence, clearPresence, setStatusMessage and the preferred-presence writes, in arrival order, each with the
     * status it got (throttled, failed and rejected ones included).
     */
    public synchronized List<WriteCall> writeCalls() {
        return List.copyOf(writeCalls);
    }

    public synchronized List<WriteCall> writeCalls(Endpoint endpoint) {
        return writeCalls.stream().filter(c -> c.endpoint() == endpoint).toList();
    }

    /** The largest number of ids seen in one getPresencesByUserId call, rejected calls included. */
    public synchronized int maxIdsInOneCall() {
        return maxIdsInOneCall;
    }

    /** How many 429 answers were served. */
    public synchronized int throttledCount() {
        return throttledCount;
    }

    public synchronized int tokensIssued() {
        return tokensIssued;
    }

    /**
     * Called on the serving thread after each Graph answer has been sent (for benchmarks that time requests); must be
     * quick. Null removes it.
     */
    public void onServed(Consumer<Served> listener) {
        servedListener = listener;
    }

    /** Forgets counts and recorded calls, deliveries included (not users, sessions, tokens or subscriptions). */
    public synchronized void resetCounters() {
        requestCounts.clear();
        writeCalls.clear();
        maxIdsInOneCall = 0;
        throttledCount = 0;
        notifier().reset();
    }

    // ================================================================ token host

    private void handleLogin(HttpExchange exchange) throws IOException {
        Matcher authorize = AUTHORIZE_PATH.matcher(exchange.getRequestURI().getPath());
        if ("GET".equals(exchange.getRequestMethod()) && authorize.matches()) {
            try (exchange) {
                Reply reply;
                synchronized (this) {
                    count(Endpoint.AUTHORIZE);
                    reply = signIn.authorize(authorize.group(1), parseQuery(exchange.getRequestURI().getRawQuery()));
                }
                send(exchange, reply);
            }
            return;
        }
        Matcher path = TOKEN_PATH.matcher(exchange.getRequestURI().getPath());
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
            try (exchange) {
                send(exchange, new Reply(404, "{\"error\":\"not_found\"}"));
            }
            return;
        }
        String body = readBody(exchange);
        Duration delay;
        synchronized (this) {
            count(Endpoint.TOKEN);
            delay = tokenDelay;
        }
        String tenant = path.group(1);
        Runnable answer = () -> {
            try (exchange) {
                Reply reply;
                synchronized (this) {
                    reply = issueToken(tenant, parseForm(body));
                }
                send(exchange, reply);
            } catch (IOException e) {
                // the client went away
            }
        };
        if (delay.isZero()) {
            answer.run();
        } else {
            // answered later from the scheduler, so concurrent token callers overlap (server side only)
            delayedAnswers.schedule(answer, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private Reply issueToken(String tenant, Map<String, String> form) {
        if (forcedTokenError != null) {
            return new Reply(forcedTokenErrorStatus, forcedTokenError.toString());
        }
        if (!TENANT_ID.equals(tenant)) {
            return aadsts(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found.");
        }
        if (FakeGraphSignIn.DELEGATED_GRANTS.contains(form.get("grant_type"))) {
            return signIn.grant(form);
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return aadsts(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            return aadsts(400, "unauthorized_client", 700016, "Application with identifier '"
                    + form.get("client_id") + "' was not found in the directory '" + tenant + "'.");
        }
        if (form.get("client_secret") == null) {
            return aadsts(401, "invalid_client", 7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        if (!clientSecret.equals(form.get("client_secret"))) {
            return aadsts(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being"
                    + " sent in the request is the client secret value, not the client secret ID, for a secret added"
                    + " to app '" + CLIENT_ID + "'.");
        }
        if (secretExpired) {
            return aadsts(401, "invalid_client", 7000222, "The provided client secret keys for app '" + CLIENT_ID
                    + "' are expired. Visit the Azure portal to create new keys for your app.");
        }
        if (!GRAPH_SCOPE.equals(form.get("scope"))) {
            return aadsts(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not"
                    + " valid.");
        }
        String token = "fake-token-" + (++tokensIssued) + "-" + UUID.randomUUID();
        tokens.put(token, new IssuedToken(CLIENT_ID, null, clock.instant().plus(tokenLifetime)));
        ObjectNode answer = JSON.createObjectNode()
                .put("token_type", "Bearer")
                .put("expires_in", tokenLifetime.toSeconds())
                .put("ext_expires_in", tokenLifetime.toSeconds())
                .put("access_token", token);
        return new Reply(200, answer.toString());
    }

    /** A delegated access token for the user, issued to the app (FakeGraphSignIn's grants); same lifetime rules. */
    String issueDelegatedToken(String clientId, String userId) {
        String token = "fake-delegated-token-" + (++delegatedTokensIssued) + "-" + UUID.randomUUID();
        tokens.put(token, new IssuedToken(clientId, userId, clock.instant().plus(tokenLifetime)));
        return token;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** The client authentication of the delegated grants: either app registration with its own secret. */
    Optional<Reply> checkClient(String clientId, String secret) {
        boolean write = CLIENT_ID.equals(clientId);
        if (!write && !READ_CLIENT_ID.equals(clientId)) {
            return Optional.of(aadsts(400, "unauthorized_client", 700016, "Application with identifier '"
                    + clientId + "' was not found in the directory '" + TENANT_ID + "'."));
        }
        if (secret == null) {
            return Optional.of(aadsts(401, "invalid_client", 7000218, "The request body must contain the"
                    + " following parameter: 'client_assertion' or 'client_secret'."));
        }
        if (!(write ? clientSecret : READ_CLIENT_SECRET).equals(secret)) {
            return Optional.of(aadsts(401, "invalid_client", 7000215, "Invalid client secret provided."));
        }
        if (write && secretExpired) {
            return Optional.of(aadsts(401, "invalid_client", 7000222, "The provided client secret keys for app '"
                    + CLIENT_ID + "' are expired."));
        }
        return Optional.empty();
    }

    Reply aadsts(int status, String error, int code, String description) {
        return new Reply(status, aadstsBody(error, code, description).toString());
    }

    private ObjectNode aadstsBody(String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        ObjectNode body = JSON.createObjectNode()
                .put("error", error)
                .put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                        + " Correlation ID: " + UUID.randomUUID() + " Timestamp: " + clock.instant())
                .put("timestamp", clock.instant().toString())
                .put("trace_id", trace)
                .put("correlation_id", UUID.randomUUID().toString())
                .put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        body.putArray("error_codes").add(code);
        return body;
    }

    // ================================================================ Graph host

    /** What {@link #admit} decided for a /subscriptions call: a refusal, or the caller's token. */
    record Admission(Reply refusal, IssuedToken token) {
    }

    /** For FakeGraphSubscriptions: counts the call, then answers injected faults and bad bearers like any call. */
    synchronized Admission admit(Endpoint endpoint, String authorization, String requestId) {
        count(endpoint);
        Optional<Reply> refusal = injectedFault(requestId).or(() -> checkBearer(authorization, requestId));
        return refusal.map(r -> new Admission(r, null))
                .orElseGet(() -> new Admission(null, tokens.get(bearerOf(authorization))));
    }

    /** An access token the fake issued: to which app, for which user (null: app-only), until when. */
    record IssuedToken(String clientId, String delegatedUserId, Instant expiresAt) {
        boolean delegated() {
            return delegatedUserId != null;
        }
    }

    /** One answer: status, body (JSON unless a Content-Type header says otherwise; null for none), extra headers. */
    record Reply(int status, String body, Map<String, String> headers) {
        Reply(int status, String body) {
            this(status, body, Map.of());
        }
    }

    private void handleGraph(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        try (exchange) {
            String body = readBody(exchange);
            List<String> segments = segments(exchange.getRequestURI().getRawPath());
            Reply reply;
            if (FakeGraphSubscriptions.handles(segments)) {
                // outside the monitor: a create waits for the hub's validation answer
                reply = subscriptions.answer(exchange.getRequestMethod(), segments, body,
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("client-request-id"));
            } else {
                synchronized (this) {
                    reply = answerGraph(exchange, body);
                }
            }
            send(exchange, reply);
            Consumer<Served> listener = servedListener;
            if (listener != null) {
                listener.accept(new Served(endpointOf(exchange.getRequestMethod(), segments),
                        segments.size() > 1 && segments.get(0).equals("users") ? segments.get(1) : null, body, reply.status(), reply.body(), received,
                        System.nanoTime()));
            }
        }
    }

    private Reply answerGraph(HttpExchange exchange, String body) {
        List<String> segments = segments(exchange.getRequestURI().getRawPath());
        Endpoint endpoint = endpointOf(exchange.getRequestMethod(), segments);
        count(endpoint);
        Reply reply = answerGraph(exchange, endpoint, segments, body);
        if (isWrite(endpoint)) {
            // every write received is recorded with its answer, throttled and failed ones included
            writeCalls.add(new WriteCall(endpoint, segments.get(1), body, reply.status()));
        }
        return reply;
    }

    private Reply answerGraph(HttpExchange exchange, Endpoint endpoint, List<String> segments, String body) {
        String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
        Optional<Reply> fault = injectedFault(clientRequestId);
        if (fault.isPresent()) {
            return fault.get();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Optional<Reply> unauthorized = checkBearer(authorization, clientRequestId);
        if (unauthorized.isPresent()) {
            return unauthorized.get();
        }
        if (isWrite(endpoint) && tokens.get(bearerOf(authorization)).delegated()) {
            // writes stay app-only: Graph wants Presence.ReadWrite.All as an application permission
            return graphError(403, "Forbidden", "Insufficient privileges: application permission required;"
                    + " delegated tokens cannot write presence.", clientRequestId);
        }
        if (endpoint.countsForPresenceBudget()) {
            Optional<Reply> throttled = throttle(clientRequestId);
            if (throttled.isPresent()) {
                return throttled.get();
            }
        }
        return dispatch(endpoint, segments, exchange.getRequestURI().getRawQuery(), body, clientRequestId);
    }

    private static boolean isWrite(Endpoint endpoint) {
        return endpoint.countsForPresenceBudget() && endpoint != Endpoint.GET_PRESENCES_BY_USER_ID
                && endpoint != Endpoint.GET_PRESENCE;
    }

    private static Endpoint endpointOf(String method, List<String> s) {
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        if (post && s.size() == 2 && s.get(0).equals("communications") && s.get(1).equals("getPresencesByUserId")) {
            return Endpoint.GET_PRESENCES_BY_USER_ID;
        }
        if (FakeGraphSubscriptions.handles(s)) {
            return FakeGraphSubscriptions.endpointOf(method, s);
        }
        if (s.isEmpty() || !s.get(0).equals("users")) {
            return Endpoint.UNKNOWN;
        }
        if (get && s.size() == 1) {
            return Endpoint.LIST_USERS;
        }
        if (get && s.size() == 2) {
            return Endpoint.GET_USER;
        }
        if (s.size() < 3 || !s.get(2).equals("presence")) {
            return Endpoint.UNKNOWN;
        }
        if (get && s.size() == 3) {
            return Endpoint.GET_PRESENCE;
        }
        if (post && s.size() == 4) {
            return switch (s.get(3)) {
                case "setPresence" -> Endpoint.SET_PRESENCE;
                case "clearPresence" -> Endpoint.CLEAR_PRESENCE;
                case "setStatusMessage" -> Endpoint.SET_STATUS_MESSAGE;
                case "setUserPreferredPresence" -> Endpoint.SET_USER_PREFERRED_PRESENCE;
                case "clearUserPreferredPresence" -> Endpoint.CLEAR_USER_PREFERRED_PRESENCE;
                default -> Endpoint.UNKNOWN;
            };
        }
        return Endpoint.UNKNOWN;
    }

    private Reply dispatch(Endpoint endpoint, List<String> s, String rawQuery, String body, String requestId) {
        return switch (endpoint) {
            case GET_PRESENCES_BY_USER_ID -> presencesByUserId(body, requestId);
            case LIST_USERS -> listUsers(parseQuery(rawQuery), requestId);
            case GET_USER -> getUser(s.get(1), parseQuery(rawQuery), requestId);
            case GET_PRESENCE -> withUser(s.get(1), requestId, u -> new Reply(200, presenceJson(u).toString()));
            case SET_PRESENCE -> withUser(s.get(1), requestId, u -> setPresence(u, body, requestId));
            case CLEAR_PRESENCE -> withUser(s.get(1), requestId, u -> clearPresence(u, body, requestId));
            case SET_STATUS_MESSAGE -> withUser(s.get(1), requestId, u -> setStatusMessage(u, body, requestId));
            case SET_USER_PREFERRED_PRESENCE -> withUser(s.get(1), requestId, u -> setPreferred(u, body, requestId));
            case CLEAR_USER_PREFERRED_PRESENCE -> withUser(s.get(1), requestId, u -> {
                u.preferred = null;
                refresh(u);
                return new Reply(204, null);
            });
            default -> graphError(400, "BadRequest", "Resource not found for the segment '"
                    + String.join("/", s) + "'.", requestId);
        };
    }

    // ---------------------------------------------------------------- auth, faults, throttling

    private Optional<Reply> injectedFault(String requestId) {
        boolean active = faultsLeft > 0 || (faultUntil != null && clock.instant().isBefore(faultUntil));
        if (!active) {
            return Optional.empty();
        }
        if (faultsLeft > 0) {
            faultsLeft--;
        }
        String code = faultStatus == 503 ? "serviceNotAvailable" : faultStatus == 504 ? "gatewayTimeout"
                : "UnknownError";
        Reply error = graphError(faultStatus, code, "Injected fault " + faultStatus + ".", requestId);
        return Optional.of(faultRetryAfter == null ? error
                : new Reply(error.status(), error.body(), Map.of("Retry-After", faultRetryAfter)));
    }

    private Optional<Reply> checkBearer(String authorization, String requestId) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            return Optional.of(graphError(401, "InvalidAuthenticationToken", "Access token is empty.", requestId));
        }
        IssuedToken issued = tokens.get(bearerOf(authorization));
        if (issued == null) {
            return Optional.of(graphError(401, "InvalidAuthenticationToken",
                    "IDX14100: JWT is not well formed or not issued to this app.", requestId));
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            return Optional.of(graphError(401, "InvalidAuthenticationToken",
                    "Lifetime validation failed, the token is expired.", requestId));
        }
        return Optional.empty();
    }

    private static String bearerOf(String authorization) {
        return authorization.substring(7).trim();
    }

    /** Sliding window; throttled requests are recorded too, so calling during the penalty prolongs it. */
    private Optional<Reply> throttle(String requestId) {
        Instant now = clock.instant();
        while (!presenceRequests.isEmpty() && !presenceRequests.peekFirst().isAfter(now.minus(throttleWindow))) {
            presenceRequests.removeFirst();
        }
        presenceRequests.addLast(now);
        int n = presenceRequests.size();
        if (n <= presenceBudget) {
            return Optional.empty();
        }
        // a retry succeeds once all but budget-1 of the recorded requests have left the window
        Instant freeAt = new ArrayList<>(presenceRequests).get(n - presenceBudget).plus(throttleWindow);
        Duration wait = Duration.between(now, freeAt);
        double seconds = Math.max(0.001, wait.toNanos() / 1e9);
        throttledCount++;
        Reply error = graphError(429, "TooManyRequests", "Too many requests. Please retry after "
                + String.format(Locale.ROOT, "%.3f", seconds) + " seconds.", requestId);
        return Optional.of(new Reply(429, error.body(),
                Map.of("Retry-After", String.format(Locale.ROOT, "%.3f", seconds))));
    }

    // ---------------------------------------------------------------- users

    private Reply getUser(String key, Map<String, String> query, String requestId) {
        Optional<FakeTeamsUser> user = findByIdOrUpn(key);
        if (user.isEmpty()) {
            return notFound(key, requestId);
        }
        return new Reply(200, userJson(user.get(), query.get("$select")).toString());
    }

    private Reply listUsers(Map<String, String> query, String requestId) {
        List<FakeTeamsUser> matching = users;
        String filter = query.get("$filter");
        if (filter != null) {
            Matcher m = FILTER.matcher(filter);
            if (!m.matches()) {
                return graphError(400, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause"
                        + " specified for property.", requestId);
            }
            boolean byMail = m.group(1).equalsIgnoreCase("mail");
            String wanted = m.group(2).replace("''", "'");
            matching = users.stream().filter(u -> wanted.equalsIgnoreCase(byMail ? u.mail : u.userPrincipalName))
                    .toList();
        }
        int pageSize;
        int offset;
        try {
            pageSize = query.containsKey("$top") ? Integer.parseInt(query.get("$top")) : usersPageSize;
            offset = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
        } catch (NumberFormatException e) {
            return graphError(400, "BadRequest", "Invalid $top or $skiptoken.", requestId);
        }
        ObjectNode answer = JSON.createObjectNode().put("@odata.context", graphUrl() + "/$metadata#users");
        ArrayNode value = answer.putArray("value");
        int end = Math.min(matching.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            value.add(userJson(matching.get(i), query.get("$select")));
        }
        if (end < matching.size()) {
            // absolute, to be followed as is
            StringBuilder next = new StringBuilder(graphUrl()).append("/users?");
            for (String key : List.of("$filter", "$select")) {
                if (query.containsKey(key)) {
                    next.append(key).append('=').append(encode(query.get(key))).append('&');
                }
            }
            next.append("$top=").append(pageSize).append("&$skiptoken=").append(end);
            answer.put("@odata.nextLink", next.toString());
        }
        return new Reply(200, answer.toString());
    }

    private ObjectNode userJson(FakeTeamsUser user, String select) {
        ObjectNode all = JSON.createObjectNode().put("id", user.id).put("mail", user.mail)
                .put("userPrincipalName", user.userPrincipalName).put("displayName", "User " + user.id);
        if (select == null || select.isBlank()) {
            return all;
        }
        ObjectNode selected = JSON.createObjectNode().put("id", user.id);
        for (String field : select.split(",")) {
            JsonNode value = all.get(field.trim());
            if (value != null) {
                selected.set(field.trim(), value);
            }
        }
        return selected;
    }

    // ---------------------------------------------------------------- presence

    private Reply presencesByUserId(String body, String requestId) {
        JsonNode ids = readJson(body).map(b -> b.get("ids")).orElse(null);
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return graphError(400, "BadRequest", "The request body must contain a non-empty 'ids' array.",
                    requestId);
        }
        maxIdsInOneCall = Math.max(maxIdsInOneCall, ids.size());
        if (ids.size() > MAX_IDS_PER_PRESENCE_CALL) {
            return graphError(400, "BadRequest", "The number of ids exceeds the limit of "
                    + MAX_IDS_PER_PRESENCE_CALL + ".", requestId);
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode value = answer.putArray("value");
        for (JsonNode id : ids) {
            findById(id.asText()).ifPresent(u -> value.add(presenceJson(u))); // unknown ids: omitted
        }
        return new Reply(200, answer.toString());
    }

    private Reply setPresence(FakeTeamsUser user, String body, String requestId) {
        Optional<JsonNode> json = readJson(body);
        if (json.isEmpty()) {
            return graphError(400, "BadRequest", "Request body is not valid JSON.", requestId);
        }
        String sessionId = json.get().path("sessionId").asText("");
        if (!CLIENT_ID.equals(sessionId)) {
            return graphError(400, "BadRequest", "The sessionId must be the application id of the caller.",
                    requestId);
        }
        Optional<FakeTeamsUser.Pair> pair = allowedPair(SESSION_PAIRS, json.get());
        if (pair.isEmpty()) {
            return graphError(400, "BadRequest", "The availability/activity pair is not supported.", requestId);
        }
        Optional<Duration> duration = duration(json.get(), MIN_SESSION);
        if (duration.isEmpty() || duration.get().compareTo(MIN_SESSION) < 0
                || duration.get().compareTo(MAX_SESSION) > 0) {
            return graphError(400, "BadRequest", "expirationDuration must be between PT5M and PT4H.", requestId);
        }
        Instant now = clock.instant();
        user.appSessions.put(sessionId, new FakeTeamsUser.AppSession(sessionId, pair.get(), now,
                now.plus(duration.get())));
        refresh(user);
        return new Reply(200, null);
    }

    private Reply clearPresence(FakeTeamsUser user, String body, String requestId) {
        String sessionId = readJson(body).map(b -> b.path("sessionId").asText("")).orElse("");
        refresh(user); // drop expired sessions first: an expired session no longer exists
        if (user.appSessions.remove(sessionId) == null) {
            return graphError(404, "NotFound", "Presence session not found.", requestId);
        }
        refresh(user);
        return new Reply(200, null);
    }

    private Reply setStatusMessage(FakeTeamsUser user, String body, String requestId) {
        JsonNode status = readJson(body).map(b -> b.get("statusMessage")).orElse(null);
        if (status == null || !status.isObject()) {
            return graphError(400, "BadRequest", "statusMessage is required.", requestId);
        }
        String content = status.path("message").path("content").asText("");
        Instant expiry;
        try {
            expiry = instantOf(status.path("expiryDateTime"));
        } catch (DateTimeException e) {
            return graphError(400, "BadRequest", "expiryDateTime is not valid.", requestId);
        }
        user.statusMessage = content.isEmpty() ? null : content;
        user.statusMessageExpiry = content.isEmpty() ? null : expiry;
        refresh(user);
        return new Reply(200, null);
    }

    private Reply setPreferred(FakeTeamsUser user, String body, String requestId) {
        Optional<JsonNode> json = readJson(body);
        Optional<FakeTeamsUser.Pair> pair = json.flatMap(b -> allowedPair(PREFERRED_PAIRS, b));
        if (pair.isEmpty()) {
            return graphError(400, "BadRequest", "The availability/activity pair is not supported.", requestId);
        }
        Optional<Duration> duration = duration(json.get(), null);
        if (duration.isEmpty() && json.get().hasNonNull("expirationDuration")) {
            return graphError(400, "BadRequest", "expirationDuration is not valid.", requestId);
        }
        user.preferred = pair.get();
        user.preferredExpiresAt = duration.map(d -> clock.instant().plus(d)).orElse(null);
        refresh(user);
        return new Reply(204, null);
    }

    private ObjectNode presenceJson(FakeTeamsUser user) {
        FakeTeamsUser.Visible visible = refresh(user);
        ObjectNode presence = JSON.createObjectNode()
                .put("id", user.id)
                .put("availability", visible.pair().availability())
                .put("activity", visible.pair().activity());
        if (visible.statusMessage() == null) {
            presence.putNull("statusMessage");
        } else {
            ObjectNode status = presence.putObject("statusMessage");
            status.putObject("message").put("content", visible.statusMessage()).put("contentType", "text");
            status.putObject("expiryDateTime")
                    .put("dateTime", visible.statusMessageExpiry() == null ? "9999-12-31T23:59:59.9999999"
                            : java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS")
                            .format(LocalDateTime.ofInstant(visible.statusMessageExpiry(), ZoneOffset.UTC)))
                    .put("timeZone", "UTC");
        }
        presence.putObject("outOfOfficeSettings").putNull("message").put("isOutOfOffice", false);
        presence.put("sequenceNumber", user.sequenceNumber());
        return presence;
    }

    private FakeTeamsUser.Visible refresh(FakeTeamsUser user) {
        String before = user.sequenceNumber();
        // zero-padded, so lexicographic order is numeric order, like Graph's sortable stamps
        FakeTeamsUser.Visible visible = user.refresh(clock.instant(),
                () -> String.format(Locale.ROOT, "%020d", ++sequence));
        if (before != null && !before.equals(user.sequenceNumber())) {
            // the one place every visible change passes, writes and fades seen on read alike
            subscriptions.presenceChanged(user.id);
        }
        return visible;
    }

    private static Optional<FakeTeamsUser.Pair> allowedPair(List<FakeTeamsUser.Pair> allowed, JsonNode body) {
        String availability = body.path("availability").asText("");
        String activity = body.path("activity").asText("");
        return allowed.stream().filter(p -> p.is(availability, activity)).findFirst();
    }

    /** The body's expirationDuration, {@code absent} when missing, empty when unparsable. */
    private static Optional<Duration> duration(JsonNode body, Duration absent) {
        JsonNode value = body.get("expirationDuration");
        if (value == null || value.isNull()) {
            return Optional.ofNullable(absent);
        }
        try {
            return Optional.of(Duration.parse(value.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** What Graph takes as dateTime: date, hours, minutes and seconds, optionally up to 7 fraction digits. */
    private static final java.util.regex.Pattern GRAPH_DATE_TIME =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?");

    private static Instant instantOf(JsonNode dateTimeTimeZone) {
        String dateTime = dateTimeTimeZone.path("dateTime").asText("");
        if (dateTime.isEmpty() || dateTime.startsWith("9999")) {
            return null;
        }
        if (!GRAPH_DATE_TIME.matcher(dateTime).matches()) {
            throw new DateTimeException("not a Graph dateTime: " + dateTime);
        }
        String zone = dateTimeTimeZone.path("timeZone").asText("UTC");
        return LocalDateTime.parse(dateTime).atZone("UTC".equalsIgnoreCase(zone) ? ZoneOffset.UTC : ZoneId.of(zone))
                .toInstant();
    }

    // ---------------------------------------------------------------- helpers

    private Reply withUser(String key, String requestId, java.util.function.Function<FakeTeamsUser, Reply> action) {
        return findByIdOrUpn(key).map(action).orElseGet(() -> notFound(key, requestId));
    }

    private Reply notFound(String key, String requestId) {
        return graphError(404, "Request_ResourceNotFound", "Resource '" + key
                + "' does not exist or one of its queried reference-property objects are not present.", requestId);
    }

    Reply graphError(int status, String code, String message, String requestId) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        error.putObject("innerError")
                .put("date", clock.instant().toString())
                .put("request-id", UUID.randomUUID().toString())
                .put("client-request-id", requestId == null ? UUID.randomUUID().toString() : requestId);
        return new Reply(status, body.toString());
    }

    private Optional<FakeTeamsUser> findById(String id) {
        return users.stream().filter(u -> u.id.equals(id)).findFirst();
    }

    private Optional<FakeTeamsUser> findByIdOrUpn(String key) {
        return users.stream().filter(u -> u.id.equals(key) || key.equalsIgnoreCase(u.userPrincipalName))
                .findFirst();
    }

    private FakeTeamsUser existing(String id) {
        return findById(id).orElseThrow(() -> new IllegalArgumentException("no fake user " + id));
    }

    private void count(Endpoint endpoint) {
        requestCounts.merge(endpoint, 1, Integer::sum);
    }

    static Optional<JsonNode> readJson(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> segments(String rawPath) {
        String rest = rawPath.substring("/v1.0".length());
        List<String> segments = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return Collections.unmodifiableList(segments);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(key, value);
            }
        }
        return query;
    }

    private static Map<String, String> parseForm(String body) {
        return parseQuery(body == null || body.isEmpty() ? null : body);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        if (!reply.headers().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
