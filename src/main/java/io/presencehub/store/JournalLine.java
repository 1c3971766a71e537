package io.presencehub.store;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * One line of the {@link ChangeJournal}: a user's state in the {@link StoredFields} form, led by the
 * CRC32 of that text as eight hex digits and a space, ended by a line feed
 * ({@code 1c291ca3 v=1&location=hq&tenant=sales&user=alice&status=Lunch&…\n}). The text is printable
 * ASCII, so a line break only ever ends a line; a line cut short or changed fails its checksum.
 */
final class JournalLine {

    /** A decoded line: whose state, and the state. */
    record Entry(UserKey user, UserState state) {
    }

    private JournalLine() {
    }

    /** The bytes of one line, line feed included. */
    static byte[] encode(UserKey user, UserState state) {
        String text = StoredFields.create()
                .with("location", user.locationId())
                .with("tenant", user.tenantId())
                .with("user", user.userId())
                .with("status", state.statusId())
                .with("type", state.statusType().code())
                .with("note", state.note())
                .with("return", Long.toString(state.returnTime()))
                .with("origin", state.origin().name())
                .with("changed", Long.toString(state.changedAt().toEpochMilli()))
                .with("version", Long.toString(state.version()))
                .with("status-origin", state.statusOrigin().name())
                .text();
        byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        String checksum = checksum(payload, 0, payload.length);
        byte[] line = new byte[checksum.length() + 1 + payload.length + 1];
        System.arraycopy(checksum.getBytes(StandardCharsets.US_ASCII), 0, line, 0, checksum.length());
        line[checksum.length()] = ' ';
        System.arraycopy(payload, 0, line, checksum.length() + 1, payload.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * Reads one line (without its line feed).
     *
     * @throws IllegalArgumentException with the reason when the checksum fails or the text does not parse
     */
    static Entry decode(byte[] bytes, int from, int to) {
        int space = from + 8;
        if (to - from < 10 || bytes[space] != ' ') {
            throw new IllegalArgumentException("no checksum (" + (to - from) + " bytes)");
        }
        String expected = new String(bytes, from, 8, StandardCharsets.US_ASCII);
        String actual = checksum(bytes, space + 1, to - space - 1);
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("checksum " + actual + " does not match " + printable(expected));
        }
        try {
            StoredFields fields = StoredFields.parse(new String(bytes, space + 1, to - space - 1, StandardCharsets.US_ASCII));
            UserKey user = new UserKey(fields.require("location"), fields.require("tenant"), fields.require("user"));
            String type = fields.require("type");
            UserState state = new UserState(fields.require("status"),
                    StatusType.fromCode(type).orElseThrow(() -> new IllegalArgumentException("no status type " + type)),
                    fields.require("note"), Long.parseLong(fields.require("return")),
                    Origin.valueOf(fields.require("origin")), Instant.ofEpochMilli(Long.parseLong(fields.require("changed"))),
                    Long.parseLong(fields.require("version")), Origin.valueOf(fields.require("status-origin")));
            return new Entry(user, state);
        } catch (ObservationFormatException | IllegalArgumentException e) {
            // a field missing or not url-encoded, a number that is none, an origin this release does not know
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String checksum(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        String hex = Long.toHexString(crc.getValue());
        return "0".repeat(8 - hex.length()) + hex;
    }

    private static String printable(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? text : "(unprintable bytes)";
    }
}
