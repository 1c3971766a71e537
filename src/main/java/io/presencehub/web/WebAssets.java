package io.presencehub.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The pages (board {@code /}, admin page {@code /admin}) and their scripts and styles ({@code /assets/…}), packaged
 * in the jar under {@code web/}. Only plain file names of the known kinds are served; no inline script anywhere
 * (the CSP is {@code script-src 'self'}).
 */
public final class WebAssets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(js|css)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    /** GET / : the presence board. */
    public void board(Exchange exchange) throws IOException {
        page(exchange, "web/board.html");
    }

    /** GET /admin : the admin page. */
    public void admin(Exchange exchange) throws IOException {
        page(exchange, "web/admin.html");
    }

    /** GET /assets/{file}: a script or style sheet, 404 for anything else. */
    public void asset(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader("file", String.class);
        String text = name != null && NAME.matcher(name).matches() ? read("web/assets/" + name) : null;
        if (text == null) {
            WebAnswer.send(exchange, 404, WebAnswer.JSON, WebJson.error("No such asset"));
            return;
        }
        WebAnswer.send(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), text);
    }

    private static void page(Exchange exchange, String resource) throws IOException {
        String text = read(resource);
        if (text == null) {
            throw new IOException(resource + " is missing from the classpath");
        }
        WebAnswer.send(exchange, 200, WebAnswer.HTML, text);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
