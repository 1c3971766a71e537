package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.SlowMachineTimeouts;
import io.presencehub.testing.TestHub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts that close their sending side after the commands ({@code printf … | nc -N}) get every
 * reply, then the connection closes; clients that reset their connection are not an error.
 */
class StatusInterfaceHalfCloseTest {

    @TempDir
    Path folder;
    TestHub hub;

    @BeforeEach
    void startHub() {
        hub = TestHub.in(folder).start();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void aStateReportIsAnsweredAfterTheClientShutsDownItsOutput() {
        List<String> reply = sendThenHalfClose("get_extension_state\n");
        assertThat(reply.get(0)).isEqualTo("State Report Started");
        assertThat(reply).contains("Extension@#1001@#Available@#@#0");
        assertThat(reply.get(reply.size() - 1)).isEqualTo("State Report Finished");
    }

    @Test
    void everyCommandBeforeTheFinIsAnsweredInOrder() {
        List<String> reply = sendThenHalfClose("get_extension_status@#HQ@#Sales@#1003\n"
                + "set_extension_status@#HQ@#Sales@#1003@#Lunch\n"
                + "get_extension_status@#HQ@#Sales@#1003\n");
        assertThat(reply).containsExactly(
                "ExtensionStatus@#Available",
                "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Lunch",
                "",
                "ExtensionStatus@#Lunch");
    }

    @Test
    void aLastCommandWithoutLineBreakCountsWhenTheInputEnds() {
        assertThat(sendThenHalfClose("set_extension_note@#HQ@#Sales@#1004@#from a script"))
                .containsExactly("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#from a script", "");
    }

    @Test
    void fiftyScriptsInARowEachGetTheirAcknowledgement() {
        for (int i = 0; i < 50; i++) {
            // a client may also get the event of a change made just before it connected (the previous run's)
            assertThat(sendThenHalfClose("set_extension_note@#HQ@#Sales@#1004@#run " + i + "\n"))
                    .as("run %d", i).endsWith("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#run " + i, "");
        }
    }

    @Test
    void clientsThatResetTheirConnectionLogNoWarningAndNoStackTrace() throws IOException {
        try (LogCapture log = LogCapture.start(); LineClient marker = hub.client()) {
            for (int i = 0; i < 20; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", hub.statusPort()));
                    socket.getOutputStream().write("get_extension_state\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().read(); // the report has started: unread bytes make close a reset
                    socket.setSoLinger(true, 0); // close with RST, as a killed client does
                }
            }
            // a later answer on another connection: the resets have been handled by now or come before it
            assertThat(marker.ask("get_extension_status@#HQ@#Sales@#1003")).isEqualTo("ExtensionStatus@#Available");
            org.awaitility.Awaitility.await().until(() -> hub.statusClients().size() == 1);
            assertThat(log.atLeast(Level.WARN)).isEmpty();
            assertThat(log.all()).noneMatch(LogCapture.Line::hasThrowable);
        }
    }

    /** Connects, sends, shuts down the output as {@code nc -N} does, and reads until the hub closes. */
    private List<String> sendThenHalfClose(String text) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", hub.statusPort()));
            socket.setSoTimeout((int) SlowMachineTimeouts.AWAIT.toMillis());
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received); // until the hub closes the connection
            String all = received.toString(StandardCharsets.UTF_8);
            assertThat(all).as("whole lines only").satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).endsWith("\n"));
            return all.isEmpty() ? List.of() : List.of(all.substring(0, all.length() - 1).split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
