package io.presencehub.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the hub's notification endpoints in the fake Graph's own tests: a plain HTTP server on port 0 that
 * answers validation handshakes the way a test chooses and records every notification it receives (answering 202).
 */
final class HubStandIn implements AutoCloseable {

    /** How the stand-in answers a validation handshake. */
    enum Validation { ECHO, WRONG_TOKEN, JSON_TYPE, STATUS_500, HANG }

    /** One request received: the decoded validation token (null for a notification), content type and body. */
    record Received(String path, String validationToken, String contentType, String body) {
        JsonNode firstValue() {
            return FakeGraphClient.json(body).get("value").get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch releaseHanging = new CountDownLatch(1);
    private final List<Received> received = new ArrayList<>();
    private volatile Validation validation = Validation.ECHO;
    private volatile Runnable duringValidation = () -> { };

    HubStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/teams/", this::handle);
        server.start();
    }

    String notificationUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/teams/notifications";
    }

    String lifecycleUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/teams/lifecycle";
    }

    void validation(Validation mode) {
        validation = mode;
    }

    /** Runs while a validation request is being answered (e.g. a presence read on the fake). */
    void duringValidation(Runnable action) {
        duringValidation = action;
    }

    synchronized List<Received> validations() {
        return received.stream().filter(r -> r.validationToken() != null).toList();
    }

    synchronized List<Received> notifications() {
        return received.stream().filter(r -> r.validationToken() == null && r.path().endsWith("/notifications"))
                .toList();
    }

    synchronized List<Received> lifecycleNotifications() {
        return received.stream().filter(r -> r.validationToken() == null && r.path().endsWith("/lifecycle"))
                .toList();
    }

    @Override
    public void close() {
        releaseHanging.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = validationToken(exchange.getRequestURI().getRawQuery());
            synchronized (this) {
                received.add(new Received(exchange.getRequestURI().getPath(), token,
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            if (token == null) {
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            duringValidation.run();
            switch (validation) {
                case ECHO -> answer(exchange, 200, "text/plain; charset=utf-8", token);
                case WRONG_TOKEN -> answer(exchange, 200, "text/plain; charset=utf-8", token + "x");
                case JSON_TYPE -> answer(exchange, 200, "application/json", token);
                case STATUS_500 -> answer(exchange, 500, "text/plain", token);
                case HANG -> {
                    // holds the answer past the fake's (shortened) validation timeout; close() releases it
                    releaseHanging.await(30, TimeUnit.SECONDS);
                    answer(exchange, 200, "text/plain", token);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String validationToken(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("validationToken=")) {
                return URLDecoder.decode(pair.substring("validationToken=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String text)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
