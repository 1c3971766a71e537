package io.presencehub.teams.push;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * One chunk of users and the Graph subscription that covers it, if any: its id, the random {@code clientState}
 * every notification must carry, its expiry, and the last failure with the time of the next attempt. Guarded by
 * {@link PushSubscriptions}.
 */
final class PushChunk {

    private static final SecureRandom RANDOM = new SecureRandom();

    final int key;
    final Set<String> ids;
    String subscriptionId;
    String clientState;
    Instant expiresAt;
    String failure;
    Instant retryAt = Instant.MIN;
    int attempts;
    boolean renewNow;
    /** A call for this chunk is on its way: nothing else is sent for it until the answer. */
    boolean busy;

    /** Since when the chunk has had no subscription: health reports a create that takes too long. */
    Instant waitingSince;

    PushChunk(int key, Set<String> ids, Instant now) {
        this.key = key;
        this.ids = ids;
        this.waitingSince = now;
    }

    /** A fresh clientState for the next create (43 URL-safe characters; Graph allows 128). */
    String newClientState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        clientState = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return clientState;
    }

    void subscribed(String id, Instant expiry) {
        subscriptionId = id;
        waitingSince = null;
        expiresAt = expiry;
        succeeded();
    }

    void renewed(Instant expiry) {
        expiresAt = expiry;
        renewNow = false;
        succeeded();
    }

    /** Graph no longer has the subscription (404, subscriptionRemoved, expired): create a new one now. */
    void lost(String why, Instant now) {
        subscriptionId = null;
        waitingSince = now;
        expiresAt = null;
        renewNow = false;
        failure = why;
        retryAt = Instant.MIN;
    }

    void failed(String why, Instant nextAttempt) {
        failure = why;
        attempts++;
        retryAt = nextAttempt;
    }

    /** Changes of these users are pushed: a subscription that has not failed since and has not expired. */
    boolean healthy(Instant now) {
        return subscriptionId != null && failure == null && expiresAt != null && now.isBefore(expiresAt);
    }

    boolean renewDue(Instant now, java.time.Duration before) {
        return renewNow || expiresAt == null || !now.isBefore(expiresAt.minus(before));
    }

    private void succeeded() {
        failure = null;
        attempts = 0;
        retryAt = Instant.MIN;
    }
}
