package io.presencehub.asterisk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the byte-exact AMI recordings in {@code shared/reference/ami-transcripts}: records
 * {@code === <DIR> <conn> t=+<s> len=<n>} LF, then n raw bytes, then LF.
 */
final class TranscriptFile {
    /** One record; {@code wire} holds the raw bytes as ISO-8859-1 chars. */
    record Record(String direction, String connection, String wire) {
        boolean fromServer() {
            return direction.equals("S->C");
        }

        boolean fromClient() {
            return direction.equals("C->S");
        }

        boolean isEof() {
            return direction.equals("EOF");
        }
    }

    private TranscriptFile() {
    }

    /** The transcript directory beside the project: {@code ../shared/reference/ami-transcripts}. */
    static Path directory() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../shared/reference/ami-transcripts").normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("AMI transcripts not found at " + dir
                    + " (expected ../shared/reference/ami-transcripts relative to the project directory)");
        }
        return dir;
    }

    static List<Record> read(String fileName) throws IOException {
        Path file = directory().resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("AMI transcript missing: " + file);
        }
        return parse(Files.readAllBytes(file));
    }

    static List<Record> parse(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Record> records = new ArrayList<>();
        int pos = 0;
        while (pos < all.length()) {
            int lineEnd = all.indexOf('\n', pos);
            if (lineEnd < 0) {
                break;
            }
            String line = all.substring(pos, lineEnd);
            pos = lineEnd + 1;
            if (!line.startsWith("=== ")) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts.length != 5 || !parts[4].startsWith("len=")) {
                throw new IllegalStateException("Malformed transcript record header: " + line);
            }
            int len = Integer.parseInt(parts[4].substring("len=".length()));
            records.add(new Record(parts[1], parts[2], all.substring(pos, pos + len)));
            pos += len;
            if (pos < all.length() && all.charAt(pos) == '\n') {
                pos++;
            }
        }
        return records;
    }

    /** One exchange of an arrow transcript: what the client sent and the messages Asterisk answered with. */
    record Exchange(AmiWire.Message action, List<AmiWire.Message> answer) {
    }

    /**
     * Reads a transcript written with arrows ({@code 13-device-state.txt}): {@code > } client lines, {@code < } Asterisk's
     * lines, a bare {@code <} an empty line, {@code #} a comment that ends the exchange.
     */
    static List<Exchange> readArrows(String fileName) throws IOException {
        List<Exchange> exchanges = new ArrayList<>();
        StringBuilder client = new StringBuilder();
        StringBuilder server = new StringBuilder();
        for (String line : Files.readAllLines(directory().resolve(fileName), StandardCharsets.UTF_8)) {
            if (line.startsWith(">")) {
                client.append(line.length() > 1 ? line.substring(2) : "").append("\r\n");
            } else if (line.startsWith("<")) {
                server.append(line.length() > 1 ? line.substring(2) : "").append("\r\n");
            } else if (line.startsWith("#") && client.length() > 0) {
                exchanges.add(new Exchange(AmiWire.parseAll(client.toString()).get(0), AmiWire.parseAll(server.toString())));
                client.setLength(0);
                server.setLength(0);
            }
        }
        if (client.length() > 0) {
            exchanges.add(new Exchange(AmiWire.parseAll(client.toString()).get(0), AmiWire.parseAll(server.toString())));
        }
        return exchanges;
    }
}
