package io.presencehub.statusinterface;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a client's byte stream into lines ending in LF or CR LF, decoded as strict UTF-8. A line
 * longer than the limit or not valid UTF-8 becomes a rejected {@link InboundLine} (the rest of an
 * over-long line is skipped up to its line break), so the connection stays usable.
 */
public final class StatusLineFramer {

    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean discarding;

    public StatusLineFramer(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Feeds bytes as they arrive; returns the lines they complete. */
    public List<InboundLine> feed(byte[] bytes, int offset, int length) {
        List<InboundLine> lines = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                lines.add(complete());
            } else if (!discarding) {
                line.write(b);
                if (line.size() > maxLineBytes + 1) {
                    // one byte of slack for the CR of a CR LF ending
                    discarding = true;
                    line.reset();
                }
            }
        }
        return lines;
    }

    public List<InboundLine> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** The input ended: a last line without line break is a line too (nothing when none was started). */
    public List<InboundLine> finish() {
        if (!discarding && line.size() == 0) {
            return List.of();
        }
        return List.of(complete());
    }

    private InboundLine complete() {
        if (discarding) {
            discarding = false;
            return InboundLine.rejected("Line too long: more than " + maxLineBytes + " bytes");
        }
        byte[] raw = line.toByteArray();
        line.reset();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        if (length > maxLineBytes) {
            return InboundLine.rejected("Line too long: more than " + maxLineBytes + " bytes");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, 0, length)).toString();
            return InboundLine.of(text);
        } catch (CharacterCodingException e) {
            return InboundLine.rejected("Invalid UTF-8 in command");
        }
    }
}
