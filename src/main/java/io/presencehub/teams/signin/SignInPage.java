package io.presencehub.teams.signin;

/**
 * The short HTML pages the callback answers with. Everything put into them is HTML-escaped: names and errors come
 * from outside (the id_token, the browser's query).
 */
final class SignInPage {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Presence Hub - Teams read access</title></head>
            <body><h1>Teams read access</h1>
            %s
            <p><a href="/admin">Back to the admin page</a></p>
            </body></html>
            """;

    private SignInPage() {
    }

    static String signedIn(SignedInUser user) {
        return PAGE.formatted("<p>Signed in as <strong>" + escape(user.name()) + "</strong> ("
                + escape(user.upn()) + ").</p>\n<p>Push starts now: Teams presence changes reach the hub as Graph"
                + " sends them; polling goes on as a safety net.</p>");
    }

    /** A failed sign-in: what went wrong and where to start again. */
    static String failed(String what, String signInUrl) {
        return PAGE.formatted("<p role=\"alert\">Sign-in failed: " + escape(what) + "</p>\n<p>Start again at <a href=\""
                + escape(signInUrl) + "\">" + escape(signInUrl) + "</a>.</p>");
    }

    /** A state that is unknown, used or expired. */
    static String expired(String signInUrl) {
        return PAGE.formatted("<p role=\"alert\">sign-in link expired or already used: start again at <a href=\""
                + escape(signInUrl) + "\">" + escape(signInUrl) + "</a></p>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
