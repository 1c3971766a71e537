package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestKeystores;
import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status interface over TLS, for remote clients; the keystore password comes from the environment. */
class StatusInterfaceTlsTest {

    private static final String PASSWORD = "tls-test-secret";

    @TempDir
    Path folder;

    @Test
    void aTlsClientRunsCommandsAndAPlainTextClientGetsNothing() throws Exception {
        Path keystore = createKeystore();
        try (TestHub hub = TestHub.in(folder)
                .with("hub.status.tls.enabled", "true")
                .with("hub.status.tls.keystore", keystore.toString())
                .with("hub.status.tls.keystore-password", PASSWORD)
                .start()) {
            try (LineClient client = new TlsClient(hub.statusPort(), keystore)) {
                assertThat(client.ask("get_extension_status@#Zürich Büro@#Ventes@#3001")).isEqualTo("ExtensionStatus@#Disponible");
                assertThat(client.set("set_extension_note@#HQ@#Sales@#1004@#über TLS")).containsExactly(
                        "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#über TLS");
            }
            try (LineClient plain = new LineClient(hub.statusPort())) {
                plain.send("get_statuses");
                assertThatThrownBy(plain::readLine).as("a plain-text client is not served").isInstanceOf(RuntimeException.class);
            }
        }
    }

    private Path createKeystore() throws IOException, InterruptedException {
        return TestKeystores.create(folder.resolve("status-tls.p12"), PASSWORD);
    }

    /** A line client over TLS that trusts the hub's self-signed certificate. */
    private static final class TlsClient extends LineClient {

        TlsClient(int port, Path keystore) throws Exception {
            super(connect(port, keystore));
        }

        private static Socket connect(int port, Path keystore) throws Exception {
            SSLContext context = TestKeystores.trusting(keystore, PASSWORD);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
            socket.startHandshake();
            return socket;
        }
    }
}
