package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
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
        Path keystore = folder.resolve("status-tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        return keystore;
    }

    /** A line client over TLS that trusts the hub's self-signed certificate. */
    private static final class TlsClient extends LineClient {

        TlsClient(int port, Path keystore) throws Exception {
            super(connect(port, keystore));
        }

        private static Socket connect(int port, Path keystore) throws Exception {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(keystore.toFile())) {
                trusted.load(in, PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
            socket.startHandshake();
            return socket;
        }
    }
}
