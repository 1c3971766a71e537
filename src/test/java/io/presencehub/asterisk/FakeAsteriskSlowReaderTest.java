package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Like Asterisk (reference: writetimeout, 100 ms by default), the fake silently drops a client
 * whose socket stays full, while the others keep receiving.
 */
class FakeAsteriskSlowReaderTest {

    private static final Duration CEILING = Duration.ofSeconds(30);
    private static final String PRESENTITY = "CustomPresence:1001";

    private FakeAsterisk asterisk;

    @BeforeEach
    void startAsterisk() throws IOException {
        asterisk = new FakeAsterisk().addUser("hub", "hubsecret", true).start();
        asterisk.setSendBufferSize(4096);
        // not Asterisk's 100 ms: the draining reader must not be dropped for being descheduled on a loaded
        // machine; the stalled one never reads again, so it is dropped after any timeout
        asterisk.setWriteTimeout(Duration.ofSeconds(1));
    }

    @AfterEach
    void stopAsterisk() {
        asterisk.close();
    }

    @Test
    void aClientThatStopsReadingIsClosedSilentlyAndTheFloodGoesOn() throws IOException {
        try (Socket stalled = login(); Socket reader = login()) {
            await().atMost(CEILING).until(() -> asterisk.loggedInClients() == 2);
            Thread draining = new Thread(() -> drain(reader));
            draining.start();

            asterisk.flood(PRESENTITY, "away", 20_000);

            await().atMost(CEILING).until(() -> asterisk.loggedInClients() == 1);
            assertThat(asterisk.presence(PRESENTITY).orElseThrow().message()).isEqualTo("flood 20000");
            long received = drain(stalled);
            assertThat(received).as("the stalled client got only part of the flood before the close: "
                    + received + " bytes").isLessThan(20_000L * 150);
        }
    }

    private Socket login() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", asterisk.port()), 5000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("Action: Login\r\nUsername: hub\r\nSecret: hubsecret\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        readUntil(socket.getInputStream(), "Authentication accepted");
        return socket;
    }

    private static void readUntil(InputStream in, String text) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(text)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before '" + text + "': " + seen);
            }
            seen.write(b);
        }
    }

    /** Reads to the end of the stream; returns the number of bytes. */
    private static long drain(Socket socket) {
        long total = 0;
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        } catch (IOException endOfStream) {
            // closed or reset: the end either way
        }
        return total;
    }
}
