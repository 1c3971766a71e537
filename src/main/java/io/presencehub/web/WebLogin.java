package io.presencehub.web;

import io.presencehub.web.WebSessions.Session;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The login form, the login itself (a session cookie: HttpOnly, SameSite=Strict, Secure under TLS, with the
 * session's lifetime), logout, and {@code GET /api/session}: who is logged in and the CSRF token pages send with
 * every change.
 */
public final class WebLogin {

    private static final String FORM = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Presence Hub - log in</title></head>
            <body><h1>Presence Hub</h1>%s
            <form method="post" action="/login">
            <label>User <select name="user"><option>admin</option><option>viewer</option></select></label>
            <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
            <button type="submit">Log in</button>
            </form></body></html>
            """;

    private final WebAccess access;
    private final boolean secure;

    public WebLogin(WebAccess access, boolean secure) {
        this.access = access;
        this.secure = secure;
    }

    /** GET /login: the form. */
    public void form(Exchange exchange) {
        WebAnswer.send(exchange, 200, WebAnswer.HTML, FORM.formatted(""));
    }

    /** POST /login: a session cookie and a redirect to the board, or the form again with 401. */
    public void login(Exchange exchange) {
        Map<String, String> fields = formFields(exchange.getMessage());
        Optional<WebRole> role = access.login(fields.get("user"), fields.get("password"));
        if (role.isEmpty()) {
            WebAnswer.send(exchange, 401, WebAnswer.HTML, FORM.formatted("<p role=\"alert\">Wrong user or password.</p>"));
            return;
        }
        Session session = access.sessions().open(role.get());
        WebAnswer.send(exchange, 303, WebAnswer.HTML, "");
        exchange.getMessage().setHeader("Location", "/");
        exchange.getMessage().setHeader("Set-Cookie", cookie(session.id(), access.sessions().timeout().toSeconds()));
    }

    /** POST /logout: the session ends, the cookie is cleared. */
    public void logout(Exchange exchange) {
        access.sessions().close(exchange.getMessage().getHeader(WebAccessFilter.SESSION_HEADER, String.class));
        WebAnswer.send(exchange, 303, WebAnswer.HTML, "");
        exchange.getMessage().setHeader("Location", WebAccess.LOGIN);
        exchange.getMessage().setHeader("Set-Cookie", cookie("", 0));
    }

    /** GET /api/session: the caller's role and, for a browser session, its CSRF token. */
    public void session(Exchange exchange) {
        Message in = exchange.getMessage();
        String role = in.getHeader(WebAccessFilter.ROLE_HEADER, String.class);
        Optional<Session> session = Optional.ofNullable(in.getHeader(WebAccessFilter.SESSION_HEADER, String.class))
                .flatMap(access.sessions()::find);
        Map<String, Object> answer = new HashMap<>();
        answer.put("role", role);
        session.ifPresent(s -> answer.put("csrfToken", s.csrfToken()));
        WebAnswer.json(exchange, () -> answer);
    }

    private String cookie(String value, long maxAge) {
        return WebAccessFilter.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The fields of an application/x-www-form-urlencoded body (platform-http may also give them as headers). */
    static Map<String, String> formFields(Message in) {
        Map<String, String> fields = new HashMap<>();
        String body = in.getBody(String.class);
        if (body != null) {
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    fields.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                }
            }
        }
        for (String name : new String[] {"user", "password"}) {
            if (!fields.containsKey(name) && in.getHeader(name) instanceof String value) {
                fields.put(name, value);
            }
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
