package io.presencehub.web;

import io.presencehub.camel.HubSettings;
import io.presencehub.camel.HubStartException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code hub.web.*} settings, checked: a server reachable beyond loopback needs an admin password, and a
 * viewer password alone (which would leave nobody able to change anything) is refused too.
 */
public record WebSettings(String host, int port, Optional<String> adminPassword, Optional<String> viewerPassword,
                          boolean tls, Duration sessionTimeout, int maxSessions) {

    /** The settings of a hub; a combination that would open the hub to the network unprotected stops the start. */
    public static WebSettings from(HubSettings settings) {
        WebSettings web = new WebSettings(settings.text("hub.web.host"), settings.integer("hub.web.port"),
                settings.optionalText("hub.web.admin-password"), settings.optionalText("hub.web.viewer-password"),
                settings.flag("hub.web.tls.enabled"), settings.duration("hub.web.session-timeout"),
                settings.integer("hub.web.max-sessions"));
        web.check();
        return web;
    }

    /** No password at all: only loopback can reach the server, and every caller there is admin. */
    public boolean open() {
        return adminPassword.isEmpty();
    }

    private void check() {
        if (adminPassword.isEmpty() && viewerPassword.isPresent()) {
            throw new HubStartException("web console: hub.web.viewer-password (HUB_WEB_VIEWER_PASSWORD) is set but"
                    + " hub.web.admin-password (HUB_WEB_ADMIN_PASSWORD) is not; set both, or neither for loopback only");
        }
        if (adminPassword.isEmpty() && !loopback(host)) {
            throw new HubStartException("web console: hub.web.host " + host + " is reachable beyond this machine but"
                    + " no admin password is set; set HUB_WEB_ADMIN_PASSWORD (and HUB_WEB_VIEWER_PASSWORD) or use"
                    + " hub.web.host=127.0.0.1");
        }
    }

    /** Whether the host name or address is a loopback address ({@code 0.0.0.0} and unknown names are not). */
    static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "WebSettings[" + host + ":" + port + ", tls " + tls + ", passwords " + (open() ? "none" : "set") + "]";
    }
}
