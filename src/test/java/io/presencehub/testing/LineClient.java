package io.presencehub.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A status-interface client over a plain socket, reading exactly as a telnet user would see it. */
public class LineClient implements AutoCloseable {

    /** How long a read waits for the next byte: generous, a slow CI machine may take seconds for one event. */
    private static final int READ_TIMEOUT_MS = 30_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public LineClient(int port) {
        this(connect(port));
    }

    protected LineClient(Socket socket) {
        try {
            this.socket = socket;
            socket.setSoTimeout(READ_TIMEOUT_MS);
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client whose socket receive buffer is this small, so what the hub sends it piles up in the hub quickly. */
    public static LineClient withReceiveBuffer(int port, int bytes) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(bytes);
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
            return new LineClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a line followed by LF. */
    public LineClient send(String line) {
        return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public LineClient sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line, without its LF; fails after the read timeout. */
    public String readLine() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after '" + line.toString(StandardCharsets.UTF_8) + "'");
                }
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> readLines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(readLine());
        }
        return lines;
    }

    /** Reads lines up to and including the one equal to {@code last}. */
    public List<String> readUntil(String last) {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (!line.equals(last));
        return lines;
    }

    /** Sends a set command and reads up to its empty-line reply; returns the events before it. */
    public List<String> set(String command) {
        send(command);
        List<String> events = readUntil("");
        return events.subList(0, events.size() - 1);
    }

    /** Sends a command and reads its one-line reply. */
    public String ask(String command) {
        return send(command).readLine();
    }

    /** Every line until the server closes the connection (fails after the read timeout). */
    public List<String> readUntilClosed() {
        List<String> lines = new ArrayList<>();
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    lines.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection (end of stream within the timeout). */
    public boolean isClosedByServer(int timeoutMs) {
        try {
            socket.setSoTimeout(timeoutMs);
            byte[] buffer = new byte[8192];
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** Nothing arrives (and the connection stays open) within the given time. */
    public boolean staysSilent(int millis) {
        try {
            socket.setSoTimeout(millis);
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                socket.setSoTimeout(READ_TIMEOUT_MS);
            } catch (IOException ignored) {
                // a broken socket shows on the next read
            }
        }
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
