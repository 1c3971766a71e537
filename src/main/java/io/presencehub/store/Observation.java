package io.presencehub.store;

import java.time.Instant;

/** What one world last showed for one key, and when the hub saw it. */
public record Observation(String kind, String key, String value, Instant observedAt) {
}
