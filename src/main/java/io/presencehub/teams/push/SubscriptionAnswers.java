package io.presencehub.teams.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.teams.GraphAnswer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** What the hub reads from Graph's subscription answers: the id, the expiry, and the listed subscriptions. */
final class SubscriptionAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionAnswers() {
    }

    static Optional<String> id(GraphAnswer answer) {
        return json(answer).map(node -> node.path("id").asText("")).filter(id -> !id.isBlank());
    }

    /** {@code expirationDateTime} (Graph writes up to 7 fraction digits and an offset); empty when unreadable. */
    static Optional<Instant> expiry(GraphAnswer answer) {
        try {
            return json(answer).map(node -> node.path("expirationDateTime").asText("")).filter(text -> !text.isBlank())
                    .map(text -> OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The list's {@code @odata.nextLink}, when there are more pages. */
    static Optional<String> nextLink(GraphAnswer answer) {
        return json(answer).map(node -> node.path("@odata.nextLink").asText("")).filter(link -> !link.isBlank());
    }

    /** The ids of the listed subscriptions whose notification URL passes {@code ours}. */
    static List<String> listed(GraphAnswer answer, Predicate<String> ours) {
        List<String> ids = new ArrayList<>();
        for (JsonNode subscription : json(answer).map(node -> node.path("value")).orElse(JSON.missingNode())) {
            String id = subscription.path("id").asText("");
            if (!id.isEmpty() && ours.test(subscription.path("notificationUrl").asText())) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static Optional<JsonNode> json(GraphAnswer answer) {
        if (!answer.ok() || answer.body() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(answer.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
