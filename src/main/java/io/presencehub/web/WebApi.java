package io.presencehub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.presencehub.calls.CallStates;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.Location;
import io.presencehub.model.NoteText;
import io.presencehub.model.Origin;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserUpdate;
import io.presencehub.statusinterface.ExtensionAddress;
import io.presencehub.statusinterface.StatusCommandHandler;
import io.presencehub.statusinterface.StatusProtocolException;
import io.presencehub.sync.PresenceApplier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The REST API's rules: users (filtered, paged), one user by its extension, the statuses of every tenant, and the
 * changes of status, note and return time, applied like a status client's (same checks) with origin WEB.
 */
public final class WebApi {

    /** Largest page of users. */
    public static final int MAX_LIMIT = 1000;
    /** The OpenAPI document on the classpath. */
    public static final String OPENAPI = "web/openapi.json";
    /** Longest note accepted, in characters. */
    public static final int MAX_NOTE = NoteText.MAX_LENGTH;

    private final Supplier<DirectoryIndex> directory;
    private final PresenceApplier applier;
    private final CallStates calls;

    public WebApi(Supplier<DirectoryIndex> directory, PresenceApplier applier, CallStates calls) {
        this.directory = directory;
        this.applier = applier;
        this.calls = calls;
    }

    /** GET /api/users: filters location, tenant, q, status; paging offset, limit; with the total. */
    public void users(Exchange exchange) {
        WebAnswer.json(exchange, () -> {
            Message in = exchange.getMessage();
            int offset = number(in, "offset", 0, Integer.MAX_VALUE, 0);
            int limit = number(in, "limit", 1, MAX_LIMIT, 100);
            String location = in.getHeader("location", String.class);
            String tenant = in.getHeader("tenant", String.class);
            String q = in.getHeader("q", String.class);
            String status = in.getHeader("status", String.class);
            List<WebUserView> matching = new ArrayList<>();
            applier.betweenChanges(() -> {
                DirectoryIndex index = directory.get();
                for (UserKey key : index.userKeys()) {
                    WebUserView user = WebUserView.of(index, key, applier.current(key, index), calls);
                    if ((location == null || location.equals(user.location()))
                            && (tenant == null || tenant.equals(user.tenant()))
                            && (status == null || status.equals(user.status().name()))
                            && (q == null || user.mentions(q))) {
                        matching.add(user);
                    }
                }
            });
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("total", matching.size());
            page.put("offset", offset);
            page.put("limit", limit);
            page.put("users", matching.subList(Math.min(offset, matching.size()),
                    Math.min(matching.size(), (int) Math.min((long) offset + limit, Integer.MAX_VALUE))));
            return page;
        });
    }

    /** GET /api/users/{location}/{tenant}/{extension}. */
    public void user(Exchange exchange) {
        WebAnswer.json(exchange, () -> view(entry(exchange.getMessage()).user()));
    }

    /** PUT …/status {"status":"Away"}. */
    public void setStatus(Exchange exchange) {
        WebAnswer.json(exchange, () -> {
            ExtensionEntry entry = entry(exchange.getMessage());
            String name = text(exchange.getMessage(), "status");
            try {
                applier.apply(UserUpdate.status(entry.user(), StatusCommandHandler.status(entry, name), Origin.WEB));
            } catch (StatusProtocolException e) {
                throw new WebProblem(400, e.getMessage());
            }
            return view(entry.user());
        });
    }

    /** PUT …/note {"note":"…"}: no control characters but tab and line feed. */
    public void setNote(Exchange exchange) {
        WebAnswer.json(exchange, () -> {
            ExtensionEntry entry = entry(exchange.getMessage());
            String note = text(exchange.getMessage(), "note");
            int bad = NoteText.indexOfControl(note);
            if (bad >= 0) {
                throw new WebProblem(400, "The note holds a control character (code " + (int) note.charAt(bad)
                        + " at position " + bad + "); only tab and line feed are allowed");
            }
            if (note.length() > MAX_NOTE) {
                throw new WebProblem(400, "The note is longer than " + MAX_NOTE + " characters");
            }
            applier.apply(UserUpdate.note(entry.user(), note, Origin.WEB));
            return view(entry.user());
        });
    }

    /** PUT …/return-time {"returnTime":1767261600}: Unix seconds, 0 for none. */
    public void setReturnTime(Exchange exchange) {
        WebAnswer.json(exchange, () -> {
            ExtensionEntry entry = entry(exchange.getMessage());
            JsonNode value = body(exchange.getMessage()).get("returnTime");
            if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw new WebProblem(400, "returnTime must be Unix seconds as a non-negative whole number (0 for none)");
            }
            applier.apply(UserUpdate.returnTime(entry.user(), value.asLong(), Origin.WEB));
            return view(entry.user());
        });
    }

    /** GET /api/openapi.json: the API's OpenAPI document, packaged in the jar. */
    public void openApi(Exchange exchange) throws IOException {
        try (InputStream in = WebApi.class.getClassLoader().getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IOException(OPENAPI + " is missing from the classpath");
            }
            WebAnswer.send(exchange, 200, WebAnswer.JSON, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** GET /api/statuses: per location and tenant, the statuses with their types. */
    public void statuses(Exchange exchange) {
        WebAnswer.json(exchange, () -> {
            List<Map<String, Object>> tenants = new ArrayList<>();
            for (Location location : directory.get().directory().locations()) {
                for (Tenant tenant : location.tenants()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("location", location.name());
                    entry.put("tenant", tenant.name());
                    entry.put("statuses", tenant.statuses().stream().map(WebUserView.Status::of).toList());
                    tenants.add(entry);
                }
            }
            return Map.of("tenants", tenants);
        });
    }

    private WebUserView view(UserKey user) {
        WebUserView[] view = new WebUserView[1];
        applier.betweenChanges(() -> {
            DirectoryIndex index = directory.get();
            view[0] = WebUserView.of(index, user, applier.current(user, index), calls);
        });
        return view[0];
    }

    private ExtensionEntry entry(Message in) {
        ExtensionAddress address = new ExtensionAddress(in.getHeader("location", String.class),
                in.getHeader("tenant", String.class), in.getHeader("extension", String.class));
        try {
            return StatusCommandHandler.resolve(directory.get(), address);
        } catch (StatusProtocolException e) {
            throw new WebProblem(404, e.getMessage());
        }
    }

    private static String text(Message in, String field) {
        JsonNode value = body(in).get(field);
        if (value == null || !value.isTextual()) {
            throw new WebProblem(400, "The body must be a JSON object with the text field \"" + field + "\"");
        }
        return value.asText();
    }

    private static JsonNode body(Message in) {
        String body = in.getBody(String.class);
        try {
            JsonNode node = body == null ? null : WebJson.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw new WebProblem(400, "The body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new WebProblem(400, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static int number(Message in, String name, int min, int max, int otherwise) {
        String text = in.getHeader(name, String.class);
        if (text == null || text.isEmpty()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new WebProblem(400, name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }
}
