package io.presencehub.web;

import io.presencehub.admin.AdminOverview;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.model.UserKey;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The admin page's data over the REST API (bean {@code webAdminApi}): each connector's state and the decision log,
 * as {@link AdminOverview}'s records. Read-only, so a viewer may look too; the records hold no secrets.
 */
public final class WebAdminApi {

    /** Decisions answered when the caller gives no limit. */
    public static final int DEFAULT_LIMIT = 100;

    private final AdminOverview overview;

    public WebAdminApi(AdminOverview overview) {
        this.overview = overview;
    }

    /** GET /api/admin/connectors: Asterisk, Teams, the status interface and the directory. */
    public void connectors(Exchange exchange) {
        WebAnswer.json(exchange, overview::connectors);
    }

    /** GET /api/admin/decisions?user=location/tenant/user&amp;limit=N: newest first, a JSON array. */
    public void decisions(Exchange exchange) {
        WebAnswer.json(exchange, () -> {
            Message in = exchange.getMessage();
            int limit = WebApi.number(in, "limit", 1, DecisionLog.CAPACITY, DEFAULT_LIMIT);
            return overview.decisions(user(in.getHeader("user", String.class)), limit);
        });
    }

    /** {@code location/tenant/user} (ids, as the decisions name them), none when not given. */
    static Optional<UserKey> user(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.split("/", 3);
        if (parts.length < 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new WebProblem(400, "user must be location/tenant/user (ids, e.g. hq/sales/alice), not '" + text + "'");
        }
        return Optional.of(new UserKey(parts[0], parts[1], parts[2]));
    }
}
