package io.presencehub.camel;

import java.net.BindException;
import java.util.Locale;

/**
 * A server that could not listen, in one line for the operator ({@code 127.0.0.1:50002 is already
 * in use}) instead of the exception chain netty or Vert.x hand over.
 */
public final class ListenErrorTranslator {

    private ListenErrorTranslator() {
    }

    public static String describe(String host, int port, Throwable error) {
        String address = address(host, port);
        Throwable cause = rootOrBind(error);
        String message = String.valueOf(cause.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("already in use")) {
            return address + " is already in use";
        }
        if (lower.contains("cannot assign requested address")) {
            return address + " is not an address of this machine";
        }
        if (lower.contains("permission denied")) {
            return "cannot listen on " + address + ": permission denied";
        }
        return "cannot listen on " + address + ": " + message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    public static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The BindException in the chain, else its innermost cause. */
    private static Throwable rootOrBind(Throwable error) {
        Throwable current = error;
        while (true) {
            if (current instanceof BindException || current.getCause() == null || current.getCause() == current) {
                return current;
            }
            current = current.getCause();
        }
    }
}
