package io.presencehub.teams.signin;

import io.presencehub.camel.HubSettings;
import io.presencehub.camel.HubStartException;
import io.presencehub.teams.GraphSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The read-access sign-in's settings: the app that signs in ({@code hub.teams.read.client-id} and
 * {@code hub.teams.read.client-secret}, by default the write app's), tenant and login URL of the Teams connector, and
 * {@code hub.teams.public-url}, the base URL at which the admin's browser and Graph reach this hub. Checked at start:
 * an unusable public URL, one without the web server that would serve it, or one beyond loopback without an admin
 * password stops the hub with one line saying why.
 *
 * @param app       the read app (tenant, client id, secret, Graph and login URL); its toString hides the secret
 * @param publicUrl the public base URL, without a trailing slash
 */
public record ReadAccessSettings(GraphSettings app, String publicUrl) {

    /** The delegated scopes: a refresh token (offline_access), who signed in (openid), and presence reads. */
    public static final String SCOPES = "offline_access openid https://graph.microsoft.com/Presence.Read.All";
    /** Where the browser starts the sign-in and comes back to, under the public URL. */
    public static final String SIGNIN_PATH = "/teams/signin";
    public static final String CALLBACK_PATH = "/teams/callback";

    // IP literals only: the loopback check must not depend on a DNS answer
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]+]?");

    /** The settings of a hub whose Teams connector has these app settings and whose public URL is set. */
    public static ReadAccessSettings from(HubSettings settings, GraphSettings writeApp) {
        String publicUrl = checkedPublicUrl(settings.optionalText("hub.teams.public-url").orElseThrow(
                () -> new HubStartException("Teams push: hub.teams.public-url is not set")));
        if (!settings.flag("hub.web.enabled")) {
            throw new HubStartException("Teams push: hub.teams.public-url is set but the web server is off"
                    + " (hub.web.enabled=false); the sign-in and Graph's notifications are served by it");
        }
        if (!loopback(URI.create(publicUrl).getHost()) && settings.optionalText("hub.web.admin-password").isEmpty()) {
            // behind a proxy every caller comes from loopback, where no password means "admin"
            throw new HubStartException("Teams push: hub.teams.public-url " + publicUrl + " lets callers beyond this"
                    + " machine reach the hub (through a proxy) but no admin password is set, so anybody could start"
                    + " the sign-in; set HUB_WEB_ADMIN_PASSWORD");
        }
        GraphSettings app = new GraphSettings(writeApp.tenantId(),
                settings.optionalText("hub.teams.read.client-id").orElse(writeApp.clientId()),
                settings.optionalText("hub.teams.read.client-secret").orElse(writeApp.clientSecret()),
                writeApp.graphUrl(), writeApp.loginUrl());
        return new ReadAccessSettings(app, publicUrl);
    }

    /**
     * The public URL without trailing slashes, if it is an absolute http(s) URL without query or fragment, and plain
     * http only on a loopback host (Graph calls only https; http is for tests and trials on this machine).
     */
    static String checkedPublicUrl(String text) {
        String url = text.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw notAbsolute(text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw notAbsolute(text);
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new HubStartException("Teams push: hub.teams.public-url " + url + " is plain http on a host that is"
                    + " not loopback; Graph and the sign-in need https there (http only for 127.0.0.1, localhost, ::1)");
        }
        return url;
    }

    /** localhost, or an IP literal of a loopback address (127.0.0.0/8, ::1); no name is looked up. */
    static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static HubStartException notAbsolute(String text) {
        return new HubStartException("Teams push: hub.teams.public-url '" + text.strip() + "' is not an absolute"
                + " http(s) base URL (e.g. https://hub.example.com, no query)");
    }

    /** Where Azure AD sends the browser back: {@code {public-url}/teams/callback}. */
    public String redirectUri() {
        return publicUrl + CALLBACK_PATH;
    }

    /** Where the admin starts (again): {@code {public-url}/teams/signin}. */
    public String signInUrl() {
        return publicUrl + SIGNIN_PATH;
    }

    /** The authorize URL for one sign-in, every parameter URL-encoded. */
    public String authorizeUrl(String state, Pkce pkce) {
        return app.loginUrl() + "/" + encode(app.tenantId()) + "/oauth2/v2.0/authorize"
                + "?client_id=" + encode(app.clientId())
                + "&response_type=code"
                + "&redirect_uri=" + encode(redirectUri())
                + "&response_mode=query"
                + "&scope=" + encode(SCOPES)
                + "&state=" + encode(state)
                + "&code_challenge=" + encode(pkce.challenge())
                + "&code_challenge_method=" + Pkce.METHOD;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ReadAccessSettings[clientId=" + app.clientId() + ", clientSecret=****, publicUrl=" + publicUrl + "]";
    }
}
