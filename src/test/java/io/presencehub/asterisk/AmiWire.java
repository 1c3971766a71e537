package io.presencehub.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AMI messages as the tests see them on the wire. Text is held in ISO-8859-1 so that every byte
 * maps to one char and back: UTF-8 and even invalid bytes (Asterisk decodes bad base64 to 0xFF)
 * pass through the fake server byte-exact.
 */
final class AmiWire {
    private AmiWire() {
    }

    /** One header line; the value keeps trailing blanks, as Asterisk does. */
    record Header(String name, String value) {
    }

    /** A message: its headers in wire order. */
    record Message(List<Header> headers) {
        /** First value of a header, matched case-insensitively; null when absent. */
        String get(String name) {
            for (Header h : headers) {
                if (h.name().equalsIgnoreCase(name)) {
                    return h.value();
                }
            }
            return null;
        }

        boolean isEvent() {
            return get("Event") != null;
        }

        /** The message as bytes (ISO-8859-1 chars are the bytes), CRLF after each line and a blank line. */
        String toWire() {
            StringBuilder sb = new StringBuilder();
            for (Header h : headers) {
                sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
            return sb.append("\r\n").toString();
        }
    }

    /** Builds a message header by header. */
    static final class Builder {
        private final List<Header> headers = new ArrayList<>();

        Builder add(String name, String value) {
            headers.add(new Header(name, value == null ? "" : value));
            return this;
        }

        Builder addIfPresent(String name, String value) {
            return value == null ? this : add(name, value);
        }

        Message build() {
            return new Message(List.copyOf(headers));
        }
    }

    static Builder message() {
        return new Builder();
    }

    /** Java text to the wire's byte-per-char form. */
    static String fromUtf8(String text) {
        return text == null ? "" : new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The wire's byte-per-char form back to Java text. */
    static String toUtf8(String wire) {
        return wire == null ? "" : new String(wire.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /**
     * Parses one header line as Asterisk does: name up to the first colon, value with leading blanks
     * skipped (so "Action:Ping" works) and trailing blanks kept. Null when there is no colon.
     */
    static Header parseLine(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        int start = colon + 1;
        while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        return new Header(line.substring(0, colon).trim(), line.substring(start));
    }

    /** Splits raw wire text (CRLF or LF) into messages; a leading banner line is returned as a one-header "Banner" message. */
    static List<Message> parseAll(String wire) {
        List<Message> result = new ArrayList<>();
        List<Header> current = new ArrayList<>();
        for (String line : wire.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    result.add(new Message(List.copyOf(current)));
                    current = new ArrayList<>();
                }
                continue;
            }
            if (line.startsWith("Asterisk Call Manager/")) {
                result.add(new Message(List.of(new Header("Banner", line))));
                continue;
            }
            Header header = parseLine(line);
            if (header != null) {
                current.add(header);
            } else if (!current.isEmpty()) {
                // a raw newline inside a value (Asterisk decodes base64 newlines into some outputs): keep it visible
                Header last = current.remove(current.size() - 1);
                current.add(new Header(last.name(), last.value() + "\n" + line));
            }
        }
        if (!current.isEmpty()) {
            result.add(new Message(List.copyOf(current)));
        }
        return result;
    }

    /** Reads one line (without CRLF/LF) as ISO-8859-1; null at end of stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
