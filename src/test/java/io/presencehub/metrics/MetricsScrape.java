package io.presencehub.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

/** One scrape of {@code /observe/metrics} over HTTP, and the value of a series in it. */
public record MetricsScrape(String text) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** GET /observe/metrics on this management port; fails unless it answers 200 with Prometheus text. */
    public static MetricsScrape of(int managementPort) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/observe/metrics answered " + response.statusCode() + ": " + response.body());
            }
            return new MetricsScrape(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value of the one series {@code name} whose labels include every {@code label="value"} given (as pairs);
     * 0 when there is no such series yet (a counter not yet incremented with those labels).
     */
    public double value(String name, String... labels) {
        List<String> matching = series(name, labels);
        if (matching.size() > 1) {
            throw new AssertionError("several series " + name + " " + Arrays.toString(labels) + ": " + matching);
        }
        return matching.isEmpty() ? 0 : Double.parseDouble(matching.get(0).substring(matching.get(0).lastIndexOf(' ') + 1));
    }

    /** The sample lines of series {@code name} with these labels. */
    List<String> series(String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!line.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
    }
}
