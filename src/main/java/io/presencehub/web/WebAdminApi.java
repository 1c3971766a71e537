package io.presencehub.web;

import io.presencehub.admin.AdminOverview;
import io.presencehub.model.UserKey;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * The admin page's data: {@code GET /api/admin/connectors} and {@code GET /api/admin/decisions?user=&limit=}
 * (newest first, limit 1..500, default 100; {@code user} as {@code location/tenant/user}).
 */
public final class WebAdminApi {

    /** Most decisions in one answer (all the log keeps). */
    public static final int MAX_DECISIONS = 500;

    private final Supplier<AdminOverview> overview;

    public WebAdminApi(Supplier<AdminOverview> overview) {
        this.overview = overview;
    }

    public void connectors(Exchange exchange) {
        WebAnswer.json(exchange, () -> overview.get().connectors());
    }

    public void decisions(Exchange exchange) {
        WebAnswer.json(exchange, () -> {
            String limitText = exchange.getMessage().getHeader("limit", String.class);
            int limit = 100;
            if (limitText != null && !limitText.isEmpty()) {
                try {
                    limit = Integer.parseInt(limitText);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > MAX_DECISIONS) {
                    throw new WebProblem(400, "limit must be a whole number from 1 to " + MAX_DECISIONS);
                }
            }
            return overview.get().decisions(user(exchange.getMessage().getHeader("user", String.class)), limit);
        });
    }

    private static Optional<UserKey> user(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new WebProblem(400, "user must be location/tenant/user, not '" + text + "'");
        }
        return Optional.of(new UserKey(parts[0], parts[1], parts[2]));
    }
}
