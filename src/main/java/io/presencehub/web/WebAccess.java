package io.presencehub.web;

import io.presencehub.web.WebSessions.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what on the web server. A caller is known by a session cookie (after the login form) or by HTTP Basic
 * ({@code admin} or {@code viewer}); with no password configured (loopback only) every caller is admin. Only an
 * admin changes state, and a change made with a session cookie must carry the session's CSRF token in
 * {@code X-CSRF-Token}. Passwords are compared as SHA-256 hashes in constant time.
 */
public final class WebAccess {

    /** The login form, its target and logout: open to everybody. */
    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /**
     * Called by Azure AD's redirect and by Graph, which bring no credentials: the sign-in's callback (protected by its
     * one-time state) and the change and lifecycle notifications (protected by each subscription's clientState).
     */
    public static final Set<String> OPEN_TO_ALL = Set.of("/teams/callback", "/teams/notifications", "/teams/lifecycle");
    /** Pages only the admin may even look at: the Teams read-access sign-in signs the hub in for everybody. */
    public static final Set<String> ADMIN_ONLY = Set.of("/teams/signin");

    /** What the filter knows of one request. */
    public record Request(String method, String path, Optional<String> sessionId, Optional<String> authorization,
                          Optional<String> csrfToken) {
    }

    /** The answer: let it through as this role (with the browser session, if any), or refuse it. */
    public sealed interface Decision {
    }

    /** Allowed; {@code session} is empty for Basic and open access. */
    public record Allow(WebRole role, Optional<Session> session) implements Decision {
    }

    /**
     * Refused with this HTTP status: 401 (with a Basic challenge when {@code challenge}), 403, or 303 to the
     * login form.
     */
    public record Deny(int status, boolean challenge, String reason) implements Decision {
    }

    private final Optional<byte[]> adminHash;
    private final Optional<byte[]> viewerHash;
    private final WebSessions sessions;

    public WebAccess(WebSettings settings, WebSessions sessions) {
        this.adminHash = settings.adminPassword().map(WebAccess::hash);
        this.viewerHash = settings.viewerPassword().map(WebAccess::hash);
        this.sessions = sessions;
    }

    public WebSessions sessions() {
        return sessions;
    }

    public Decision decide(Request request) {
        String path = route(request.path());
        if (path.equals(LOGIN) || path.equals(LOGOUT) || OPEN_TO_ALL.contains(path)) {
            // open to everybody, no CSRF token; logout ends the session the cookie names
            return new Allow(adminHash.isEmpty() ? WebRole.ADMIN : WebRole.VIEWER,
                    request.sessionId().flatMap(sessions::find));
        }
        if (adminHash.isEmpty()) {
            return new Allow(WebRole.ADMIN, Optional.empty());
        }
        if (request.authorization().isPresent()) {
            return basic(request);
        }
        Optional<Session> session = request.sessionId().flatMap(sessions::find);
        if (session.isEmpty()) {
            boolean api = path.startsWith("/api/") || path.equals("/api");
            boolean browser = request.sessionId().isPresent() || request.csrfToken().isPresent();
            return api ? new Deny(401, !browser, "Log in first (or use HTTP Basic as admin or viewer)")
                    : new Deny(303, false, "Log in first");
        }
        if (writes(request.method())) {
            Optional<String> token = request.csrfToken();
            if (token.isEmpty() || !same(token.get(), session.get().csrfToken())) {
                return new Deny(403, false, "A change from a browser session needs the session's " + CSRF_HEADER);
            }
        }
        return roleMayDo(session.get().role(), request, session);
    }

    /** The role whose password this is, if any. */
    public Optional<WebRole> login(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        byte[] given = hash(password);
        // both hashes compared whatever the user name, so the time taken does not tell which one matched
        boolean admin = adminHash.map(h -> MessageDigest.isEqual(h, given)).orElse(false);
        boolean viewer = viewerHash.map(h -> MessageDigest.isEqual(h, given)).orElse(false);
        if (user.equals(WebRole.ADMIN.userName()) && admin) {
            return Optional.of(WebRole.ADMIN);
        }
        if (user.equals(WebRole.VIEWER.userName()) && viewer) {
            return Optional.of(WebRole.VIEWER);
        }
        return Optional.empty();
    }

    private Decision basic(Request request) {
        String header = request.authorization().get();
        Optional<WebRole> role = Optional.empty();
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    role = login(pair.substring(0, colon), pair.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                role = Optional.empty();
            }
        }
        if (role.isEmpty()) {
            return new Deny(401, true, "Wrong user or password");
        }
        return roleMayDo(role.get(), request, Optional.empty());
    }

    /** The path as the router matches it: Vert.x serves {@code /teams/signin/} as {@code /teams/signin}. */
    static String route(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static Decision roleMayDo(WebRole role, Request request, Optional<Session> session) {
        if (role != WebRole.ADMIN && writes(request.method())) {
            return new Deny(403, false, "A viewer may only look; changes need the admin");
        }
        if (role != WebRole.ADMIN && ADMIN_ONLY.contains(route(request.path()))) {
            return new Deny(403, false, "Only the admin may do this");
        }
        return new Allow(role, session);
    }

    private static boolean writes(String method) {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(hash(given), hash(expected));
    }

    private static byte[] hash(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
