package io.presencehub.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one text format of stored observation values: named fields, led by the format version, in
 * {@code application/x-www-form-urlencoded} form ({@code v=1&state=dnd&subtype=Lunch&message=back+at%0A2}).
 * Every character of a value survives (separators, line breaks, control characters, any script), the
 * stored text is printable ASCII, and a field that is absent reads as null while an empty one reads as
 * "". Each observation kind's {@code *Codec} names its fields; this class only writes and reads them.
 */
public final class StoredFields {

    /** The format version written by this release. */
    public static final int VERSION = 1;
    private static final String VERSION_FIELD = "v";

    private final Map<String, String> fields;

    private StoredFields(Map<String, String> fields) {
        this.fields = fields;
    }

    /** No fields yet, of the current version. */
    public static StoredFields create() {
        return new StoredFields(new LinkedHashMap<>());
    }

    /** These fields and one more; a null value leaves the field out (it reads back as null). */
    public StoredFields with(String name, String value) {
        if (VERSION_FIELD.equals(name)) {
            throw new IllegalArgumentException("the field name " + VERSION_FIELD + " is the format version");
        }
        Map<String, String> more = new LinkedHashMap<>(fields);
        if (value == null) {
            more.remove(name);
        } else {
            more.put(name, value);
        }
        return new StoredFields(more);
    }

    /** The text as stored. */
    public String text() {
        StringBuilder text = new StringBuilder(VERSION_FIELD).append('=').append(VERSION);
        fields.forEach((name, value) -> text.append('&').append(encode(name)).append('=').append(encode(value)));
        return text.toString();
    }

    /** Whether a stored text is in this format (every older format of the hub's kinds starts otherwise). */
    public static boolean isStoredFields(String text) {
        return text.startsWith(VERSION_FIELD + "=");
    }

    /**
     * Reads a stored text.
     *
     * @throws ObservationFormatException when the text is not in this format or of another version
     */
    public static StoredFields parse(String text) {
        if (!isStoredFields(text)) {
            throw new ObservationFormatException("not a stored-fields text (no leading " + VERSION_FIELD + "=)");
        }
        String[] parts = text.split("&", -1);
        String version = parts[0].substring(VERSION_FIELD.length() + 1);
        if (!version.equals(String.valueOf(VERSION))) {
            throw new ObservationFormatException("stored-fields version " + version + " is not known to this release");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals < 0) {
                throw new ObservationFormatException("stored field " + (i + 1) + " has no '='");
            }
            String name = decode(parts[i].substring(0, equals));
            if (fields.put(name, decode(parts[i].substring(equals + 1))) != null || VERSION_FIELD.equals(name)) {
                throw new ObservationFormatException("stored field " + name + " appears twice");
            }
        }
        return new StoredFields(fields);
    }

    /** A field's value; empty when the field is absent. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * A field that must be there.
     *
     * @throws ObservationFormatException when it is absent
     */
    public String require(String name) {
        return get(name).orElseThrow(() -> new ObservationFormatException("stored field " + name + " is missing"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ObservationFormatException("stored field is not url-encoded: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
