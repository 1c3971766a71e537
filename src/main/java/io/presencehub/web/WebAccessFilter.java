package io.presencehub.web;

import io.presencehub.web.WebAccess.Allow;
import io.presencehub.web.WebAccess.Decision;
import io.presencehub.web.WebAccess.Deny;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * The first handler of every request on the web server: adds the security headers to every answer, applies
 * {@link WebAccess} and tells the routes behind it who is calling ({@value #ROLE_HEADER}, {@value #SESSION_HEADER};
 * a caller's own headers of these names are removed first).
 */
public final class WebAccessFilter implements Handler<RoutingContext> {

    /** The role of the caller (admin or viewer), for the routes behind the filter. */
    public static final String ROLE_HEADER = "X-Hub-Role";
    /** The caller's browser session id, when it came with one. */
    public static final String SESSION_HEADER = "X-Hub-Session";
    /** The session cookie's name. */
    public static final String COOKIE = "hub_session";

    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    private final WebAccess access;

    public WebAccessFilter(WebAccess access) {
        this.access = access;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        SECURITY_HEADERS.forEach(context.response().headers()::set);
        MultiMap headers = request.headers();
        headers.remove(ROLE_HEADER);
        headers.remove(SESSION_HEADER);
        Cookie cookie = request.getCookie(COOKIE);
        Decision decision = access.decide(new WebAccess.Request(request.method().name(), context.normalizedPath(),
                Optional.ofNullable(cookie).map(Cookie::getValue), Optional.ofNullable(headers.get("Authorization")),
                Optional.ofNullable(headers.get(WebAccess.CSRF_HEADER))));
        if (decision instanceof Allow allow) {
            headers.set(ROLE_HEADER, allow.role().userName());
            allow.session().ifPresent(s -> headers.set(SESSION_HEADER, s.id()));
            context.next();
            return;
        }
        refuse(context, (Deny) decision);
    }

    private static void refuse(RoutingContext context, Deny deny) {
        var response = context.response().setStatusCode(deny.status());
        if (deny.status() == 303) {
            response.putHeader("Location", WebAccess.LOGIN).end();
            return;
        }
        if (deny.challenge()) {
            response.putHeader("WWW-Authenticate", "Basic realm=\"Presence Hub\", charset=\"UTF-8\"");
        }
        response.putHeader("Content-Type", "application/json; charset=utf-8").end(WebJson.error(deny.reason()));
    }
}
