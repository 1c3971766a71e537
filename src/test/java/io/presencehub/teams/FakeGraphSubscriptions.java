package io.presencehub.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.teams.FakeGraph.Reply;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Presence change subscriptions of {@link FakeGraph}: {@code /subscriptions} POST (with the validation handshake),
 * PATCH, DELETE and GET for delegated tokens only, and the notifications a live subscription causes. Thread-safe on
 * its own lock; FakeGraph may call in while holding its monitor, never the other way round, and nothing here waits
 * on the hub while holding a lock.
 */
final class FakeGraphSubscriptions implements AutoCloseable {

    static final int MAX_IDS = 650;
    static final Duration MAX_LIFETIME = Duration.ofMinutes(60);
    static final int MAX_CLIENT_STATE = 128;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILTER_RESOURCE = Pattern.compile(
            "^/?communications/presences\\?\\$filter=id\\s+in\\s+\\((.*)\\)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SINGLE_RESOURCE = Pattern.compile("^/?communications/presences/([^/?']+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED_ID = Pattern.compile("^\\s*'([^']+)'\\s*$");
    /** Graph's own shape: seven fraction digits, UTC; in notifications with an offset instead of Z. */
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern(
            "uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NOTIFICATION_TIME = DateTimeFormatter.ofPattern(
            "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx").withZone(ZoneOffset.UTC);

    /** One subscription as Graph holds it. */
    private static final class Subscription {
        final String id = UUID.randomUUID().toString();
        final String resource;
        final List<String> userIds;
        final Set<String> users;
        final String clientState;
        final String notificationUrl;
        final String lifecycleUrl;
        final String applicationId;
        final String creatorId;
        Instant expiresAt;
        boolean removed;
        boolean stopped;

        Subscription(Request request, FakeGraph.IssuedToken token) {
            resource = request.resource();
            userIds = request.userIds();
            users = Set.copyOf(userIds);
            clientState = request.clientState();
            notificationUrl = request.notificationUrl();
            lifecycleUrl = request.lifecycleUrl();
            applicationId = token.clientId();
            creatorId = token.delegatedUserId();
            expiresAt = request.expiresAt();
        }
    }

    /** A request Graph refuses, with its answer; thrown by the checks, answered by {@link #answer}. */
    private static final class Refusal extends RuntimeException {
        final transient Reply reply;

        Refusal(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    /** A checked create request. */
    private record Request(String resource, List<String> userIds, Instant expiresAt, String clientState,
                           String notificationUrl, String lifecycleUrl) {
    }

    private final FakeGraph graph;
    private final FakeGraphNotifier notifier;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private Subscription newest;

    FakeGraphSubscriptions(FakeGraph graph, FakeGraphNotifier notifier) {
        this.graph = graph;
        this.notifier = notifier;
    }

    static boolean handles(List<String> segments) {
        return !segments.isEmpty() && segments.get(0).equals("subscriptions") && segments.size() <= 2;
    }

    static Endpoint endpointOf(String method, List<String> segments) {
        if (segments.size() == 1) {
            return switch (method) {
                case "POST" -> Endpoint.CREATE_SUBSCRIPTION;
                case "GET" -> Endpoint.LIST_SUBSCRIPTIONS;
                default -> Endpoint.UNKNOWN;
            };
        }
        return switch (method) {
            case "GET" -> Endpoint.GET_SUBSCRIPTION;
            case "PATCH" -> Endpoint.RENEW_SUBSCRIPTION;
            case "DELETE" -> Endpoint.DELETE_SUBSCRIPTION;
            default -> Endpoint.UNKNOWN;
        };
    }

    // ---------------------------------------------------------------- HTTP

    /** Answers one /subscriptions call; the caller holds no lock (a create waits for the hub's validation). */
    Reply answer(String method, List<String> segments, String body, String authorization, String requestId) {
        Endpoint endpoint = endpointOf(method, segments);
        FakeGraph.Admission admission = graph.admit(endpoint, authorization, requestId);
        if (admission.refusal() != null) {
            return admission.refusal();
        }
        FakeGraph.IssuedToken token = admission.token();
        if (!token.delegated()) {
            return graph.graphError(403, "ExtensionError", "Operation: " + operation(endpoint) + "; Exception:"
                    + " [Status Code: Forbidden; Reason: app-only token not supported for presence subscriptions]",
                    requestId);
        }
        String id = segments.size() == 2 ? segments.get(1) : null;
        try {
            return switch (endpoint) {
                case CREATE_SUBSCRIPTION -> create(body, token, requestId);
                case LIST_SUBSCRIPTIONS -> list(token);
                case GET_SUBSCRIPTION -> own(id, token).map(s -> new Reply(200, json(s).toString()))
                        .orElseGet(() -> notFound(id, requestId));
                case RENEW_SUBSCRIPTION -> renew(id, body, token, requestId);
                case DELETE_SUBSCRIPTION -> delete(id, token, requestId);
                default -> graph.graphError(405, "MethodNotAllowed", method + " is not allowed here.", requestId);
            };
        } catch (Refusal refusal) {
            return refusal.reply;
        }
    }

    private Reply create(String body, FakeGraph.IssuedToken token, String requestId) {
        Request request = check(object(body, requestId), requestId);
        // outside every lock: the hub may read presence while it answers the handshake
        for (String url : List.of(request.notificationUrl(), request.lifecycleUrl())) {
            Optional<String> failure = notifier.validate(url);
            if (failure.isPresent()) {
                throw invalid(failure.get(), requestId);
            }
        }
        Subscription subscription = new Subscription(request, token);
        synchronized (this) {
            subscriptions.put(subscription.id, subscription);
            newest = subscription;
            return new Reply(201, json(subscription).toString());
        }
    }

    /** The create body's rules. */
    private Request check(JsonNode body, String requestId) {
        if (!"updated".equals(body.path("changeType").asText())) {
            throw invalid("changeType '" + body.path("changeType").asText() + "' is not supported for presence;"
                    + " use 'updated'.", requestId);
        }
        String notificationUrl = body.path("notificationUrl").asText("");
        String lifecycleUrl = body.path("lifecycleNotificationUrl").asText("");
        if (!FakeGraphSignIn.absoluteHttpUrl(notificationUrl)
                || !FakeGraphSignIn.absoluteHttpUrl(lifecycleUrl)) {
            throw invalid("notificationUrl and lifecycleNotificationUrl must be absolute URLs.", requestId);
        }
        String clientState = body.path("clientState").isTextual() ? body.get("clientState").asText() : null;
        if (clientState != null && clientState.length() > MAX_CLIENT_STATE) {
            throw invalid("clientState must be at most " + MAX_CLIENT_STATE + " characters.", requestId);
        }
        String resource = body.path("resource").asText("");
        Optional<List<String>> ids = userIds(resource);
        if (ids.isEmpty()) {
            throw invalid("Resource '" + resource + "' is not supported.", requestId);
        }
        if (ids.get().size() > MAX_IDS) {
            throw invalid("Too many resources: a presence subscription holds at most " + MAX_IDS + " ids (got "
                    + ids.get().size() + ").", requestId);
        }
        return new Request(resource, ids.get(), expiry(body, requestId), clientState, notificationUrl,
                lifecycleUrl);
    }

    private Reply renew(String id, String body, FakeGraph.IssuedToken token, String requestId) {
        synchronized (this) {
            Optional<Subscription> subscription = own(id, token);
            if (subscription.isEmpty()) {
                return notFound(id, requestId);
            }
            subscription.get().expiresAt = expiry(object(body, requestId), requestId);
            return new Reply(200, json(subscription.get()).toString());
        }
    }

    private synchronized Reply delete(String id, FakeGraph.IssuedToken token, String requestId) {
        Optional<Subscription> subscription = own(id, token);
        subscription.ifPresent(s -> s.removed = true);
        return subscription.isPresent() ? new Reply(204, null) : notFound(id, requestId);
    }

    private synchronized Reply list(FakeGraph.IssuedToken token) {
        ObjectNode answer = JSON.createObjectNode().put("@odata.context", graph.graphUrl()
                + "/$metadata#subscriptions");
        ArrayNode value = answer.putArray("value");
        live().stream().filter(s -> s.applicationId.equals(token.clientId())).forEach(s -> value.add(json(s)));
        return new Reply(200, answer.toString());
    }

    // ---------------------------------------------------------------- notifications

    /** A user's visible presence changed (FakeGraph's hook, under its monitor): notify every live subscription. */
    synchronized void presenceChanged(String userId) {
        for (Subscription subscription : live()) {
            if (!subscription.stopped && subscription.users.contains(userId)) {
                notifier.deliverLater(subscription.id, userId, subscription.notificationUrl,
                        notification(subscription.id, userId, subscription.clientState, subscription.expiresAt));
            }
        }
    }

    /** A raw delivery, now: to the subscription's URL, or for an unknown id to the newest subscription's. */
    FakeGraph.Delivery deliver(String subscriptionId, String userId, String clientState) {
        String url;
        Instant expiresAt;
        synchronized (this) {
            Subscription target = Optional.ofNullable(subscriptions.get(subscriptionId)).orElse(newest);
            if (target == null) {
                throw new IllegalStateException("no subscription was ever made: no notification URL to post to");
            }
            url = target.notificationUrl;
            expiresAt = target.expiresAt;
        }
        return notifier.deliverNow(subscriptionId, userId, url,
                notification(subscriptionId, userId, clientState, expiresAt));
    }

    /** Posts a lifecycle event to the subscription's lifecycle URL, now; subscriptionRemoved removes it first. */
    FakeGraph.LifecycleDelivery sendLifecycle(String subscriptionId, String lifecycleEvent) {
        ObjectNode body = JSON.createObjectNode();
        String url;
        synchronized (this) {
            Subscription subscription = known(subscriptionId);
            if ("subscriptionRemoved".equals(lifecycleEvent)) {
                subscription.removed = true;
            }
            url = subscription.lifecycleUrl;
            body.putArray("value").addObject()
                    .put("subscriptionId", subscription.id)
                    .put("subscriptionExpirationDateTime", NOTIFICATION_TIME.format(subscription.expiresAt))
                    .put("tenantId", FakeGraph.TENANT_ID)
                    .put("clientState", subscription.clientState)
                    .put("lifecycleEvent", lifecycleEvent)
                    .put("resource", subscription.resource)
                    .put("organizationId", FakeGraph.TENANT_ID);
        }
        return notifier.lifecycleNow(subscriptionId, lifecycleEvent, url, body.toString());
    }

    // ---------------------------------------------------------------- controls

    synchronized List<FakeGraph.SubscriptionView> views() {
        return live().stream().map(s -> new FakeGraph.SubscriptionView(s.id, s.userIds, s.expiresAt,
                s.clientState, s.notificationUrl, s.lifecycleUrl, s.stopped)).toList();
    }

    synchronized void stopDeliveringSilently(String subscriptionId) {
        known(subscriptionId).stopped = true;
    }

    synchronized void remove(String subscriptionId) {
        known(subscriptionId).removed = true;
    }

    FakeGraphNotifier notifier() {
        return notifier;
    }

    @Override
    public void close() {
        notifier.close();
    }

    // ---------------------------------------------------------------- helpers

    /** What Graph still has: neither removed nor expired on the fake clock. */
    private List<Subscription> live() {
        Instant now = graph.clock().instant();
        return subscriptions.values().stream().filter(s -> !s.removed && now.isBefore(s.expiresAt)).toList();
    }

    private synchronized Optional<Subscription> own(String id, FakeGraph.IssuedToken token) {
        return live().stream().filter(s -> s.id.equals(id) && s.applicationId.equals(token.clientId()))
                .findFirst();
    }

    private Subscription known(String subscriptionId) {
        Subscription subscription = subscriptions.get(subscriptionId);
        if (subscription == null) {
            throw new IllegalArgumentException("no subscription " + subscriptionId);
        }
        return subscription;
    }

    /** The expirationDateTime of a create or renew body: in the future and at most 60 minutes ahead. */
    private Instant expiry(JsonNode body, String requestId) {
        Instant expiresAt;
        try {
            expiresAt = OffsetDateTime.parse(body.path("expirationDateTime").asText("")).toInstant();
        } catch (DateTimeException e) {
            throw invalid("expirationDateTime is missing or not a date-time with offset.", requestId);
        }
        Instant now = graph.clock().instant();
        if (!expiresAt.isAfter(now)) {
            throw invalid("Subscription expiration must be in the future (expirationDateTime "
                    + expiresAt + ").", requestId);
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw invalid("Subscription expiration can only be " + MAX_LIFETIME.toMinutes() + " minutes in the"
                    + " future (expirationDateTime " + expiresAt + ").", requestId);
        }
        return expiresAt;
    }

    /** The user ids of a presence resource, either form; empty when it is not one. */
    static Optional<List<String>> userIds(String resource) {
        Matcher single = SINGLE_RESOURCE.matcher(resource);
        if (single.matches()) {
            return Optional.of(List.of(single.group(1)));
        }
        Matcher filter = FILTER_RESOURCE.matcher(resource);
        if (!filter.matches()) {
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String quoted : filter.group(1).split(",", -1)) {
            Matcher id = QUOTED_ID.matcher(quoted);
            if (!id.matches()) {
                return Optional.empty();
            }
            ids.add(id.group(1));
        }
        return Optional.of(List.copyOf(ids));
    }

    private static String notification(String subscriptionId, String userId, String clientState,
                                       Instant expiresAt) {
        String resource = "communications/presences('" + userId + "')";
        ObjectNode body = JSON.createObjectNode();
        ObjectNode item = body.putArray("value").addObject()
                .put("subscriptionId", subscriptionId)
                .put("clientState", clientState)
                .put("changeType", "updated")
                .put("resource", resource);
        item.putObject("resourceData").put("@odata.type", "#Microsoft.Graph.presence")
                .put("@odata.id", resource).put("id", userId);
        item.put("tenantId", FakeGraph.TENANT_ID)
                .put("subscriptionExpirationDateTime", NOTIFICATION_TIME.format(expiresAt));
        return body.toString();
    }

    private ObjectNode json(Subscription s) {
        ObjectNode node = JSON.createObjectNode()
                .put("@odata.context", graph.graphUrl() + "/$metadata#subscriptions/$entity")
                .put("id", s.id)
                .put("resource", s.resource)
                .put("applicationId", s.applicationId)
                .put("changeType", "updated")
                .put("clientState", s.clientState)
                .put("notificationUrl", s.notificationUrl)
                .put("lifecycleNotificationUrl", s.lifecycleUrl)
                .put("expirationDateTime", GRAPH_TIME.format(s.expiresAt))
                .put("creatorId", s.creatorId)
                .put("includeResourceData", false)
                .put("latestSupportedTlsVersion", "v1_2");
        node.putNull("notificationQueryOptions");
        return node;
    }

    private Refusal invalid(String message, String requestId) {
        return new Refusal(graph.graphError(400, "InvalidRequest", message, requestId));
    }

    private Reply notFound(String id, String requestId) {
        return graph.graphError(404, "ResourceNotFound", "The object was not found (subscription '" + id + "').",
                requestId);
    }

    private static String operation(Endpoint endpoint) {
        return switch (endpoint) {
            case CREATE_SUBSCRIPTION -> "Create";
            case RENEW_SUBSCRIPTION -> "Update";
            case DELETE_SUBSCRIPTION -> "Delete";
            default -> "Get";
        };
    }

    private JsonNode object(String body, String requestId) {
        return FakeGraph.readJson(body).orElseThrow(() -> invalid("Request body is not valid JSON.", requestId));
    }
}
