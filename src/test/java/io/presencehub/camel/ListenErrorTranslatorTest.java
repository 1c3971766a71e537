package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.SocketException;
import java.util.stream.Stream;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A server that cannot listen is one line naming the address and the cause, however the exception came wrapped. */
class ListenErrorTranslatorTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("127.0.0.1", new RuntimeCamelException(new BindException("Address already in use")),
                        "127.0.0.1:50002 is already in use"),
                Arguments.of("10.9.8.7", new BindException("Cannot assign requested address"),
                        "10.9.8.7:50002 is not an address of this machine"),
                Arguments.of("0.0.0.0", new RuntimeException("wrapped", new BindException("Permission denied")),
                        "cannot listen on 0.0.0.0:50002: permission denied"),
                Arguments.of("::1", new BindException("Address already in use"), "[::1]:50002 is already in use"),
                Arguments.of("127.0.0.1", new IllegalStateException("start failed",
                        new SocketException("keystore config/status-tls.p12\n(No such file)")),
                        "cannot listen on 127.0.0.1:50002: keystore config/status-tls.p12 (No such file)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("failures")
    void describesTheCauseInOneLine(String host, Throwable failure, String line) {
        assertThat(ListenErrorTranslator.describe(host, 50002, failure)).isEqualTo(line);
    }
}
