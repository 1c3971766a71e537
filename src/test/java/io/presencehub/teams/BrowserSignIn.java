package io.presencehub.teams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an admin's browser does with the read-access sign-in: open {@code /teams/signin} on the hub and follow every
 * redirect (to the fake's authorize endpoint and back to the hub's callback) by hand, so each hop can be checked.
 */
public final class BrowserSignIn {

    /** One hop: the URL asked, the status and the Location (if any) and body answered. */
    public record Hop(URI url, int status, Optional<String> location, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Every hop from {@code start} until an answer that is no redirect (at most 5). */
    public List<Hop> follow(String start, Optional<String> authorization) {
        List<Hop> hops = new ArrayList<>();
        URI url = URI.create(start);
        for (int i = 0; i < 5; i++) {
            Hop hop = get(url, authorization);
            hops.add(hop);
            if (hop.location().isEmpty()) {
                return hops;
            }
            url = url.resolve(hop.location().get());
        }
        throw new IllegalStateException("more than 5 redirects: " + hops);
    }

    /** Signs in on this hub (no web password: every caller is admin) and returns the page the callback shows. */
    public static Hop signIn(int webPort) {
        List<Hop> hops = new BrowserSignIn().follow("http://127.0.0.1:" + webPort + "/teams/signin", Optional.empty());
        return hops.get(hops.size() - 1);
    }

    public Hop get(URI url, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15)).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Hop(url, response.statusCode(), response.headers().firstValue("Location"), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
