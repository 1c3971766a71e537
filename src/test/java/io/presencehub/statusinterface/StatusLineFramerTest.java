package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The status interface's line framing, without sockets: how bytes become lines or rejections. */
class StatusLineFramerTest {

    private static final int MAX = 32;
    private static final String TOO_LONG = "Line too long: more than " + MAX + " bytes";
    private static final String BAD_UTF8 = "Invalid UTF-8 in command";

    /** Feeds each chunk in turn and collects every line the framer completes. */
    private static List<InboundLine> feedAll(StatusLineFramer framer, byte[]... chunks) {
        List<InboundLine> lines = new ArrayList<>();
        for (byte[] chunk : chunks) {
            lines.addAll(framer.feed(chunk));
        }
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] oneBytePerFeed(byte[] bytes) {
        byte[][] chunks = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            chunks[i] = new byte[] {bytes[i]};
        }
        return chunks;
    }

    static Stream<Arguments> framings() {
        return Stream.of(
                Arguments.of("one line in one feed", new byte[][] {utf8("exit\n")},
                        List.of(InboundLine.of("exit"))),
                Arguments.of("a line split across three feeds", new byte[][] {utf8("get_"), utf8("stat"), utf8("uses\n")},
                        List.of(InboundLine.of("get_statuses"))),
                Arguments.of("a line split right before its LF", new byte[][] {utf8("exit"), utf8("\n")},
                        List.of(InboundLine.of("exit"))),
                Arguments.of("two lines in one feed", new byte[][] {utf8("exit\nget_statuses\n")},
                        List.of(InboundLine.of("exit"), InboundLine.of("get_statuses"))),
                Arguments.of("three lines in one feed", new byte[][] {utf8("a\nb\r\nc\n")},
                        List.of(InboundLine.of("a"), InboundLine.of("b"), InboundLine.of("c"))),
                Arguments.of("a feed ending in the middle of the second line", new byte[][] {utf8("a\nb"), utf8("c\n")},
                        List.of(InboundLine.of("a"), InboundLine.of("bc"))),
                Arguments.of("CRLF ending: the CR is stripped", new byte[][] {utf8("exit\r\n")},
                        List.of(InboundLine.of("exit"))),
                Arguments.of("CR and LF in separate feeds", new byte[][] {utf8("exit\r"), utf8("\n")},
                        List.of(InboundLine.of("exit"))),
                Arguments.of("a CR inside the line is kept", new byte[][] {utf8("a\rb\n")},
                        List.of(InboundLine.of("a\rb"))),
                Arguments.of("only the last CR is stripped", new byte[][] {utf8("a\r\r\n")},
                        List.of(InboundLine.of("a\r"))),
                Arguments.of("an empty line is an empty text", new byte[][] {utf8("\n")},
                        List.of(InboundLine.of(""))),
                Arguments.of("an empty CRLF line is an empty text", new byte[][] {utf8("\r\n")},
                        List.of(InboundLine.of(""))),
                Arguments.of("bytes without LF complete nothing", new byte[][] {utf8("exit")}, List.of()),
                Arguments.of("a two-byte character split between feeds",
                        new byte[][] {Arrays.copyOfRange(utf8("ä\n"), 0, 1), Arrays.copyOfRange(utf8("ä\n"), 1, 3)},
                        List.of(InboundLine.of("ä"))),
                Arguments.of("a four-byte emoji fed one byte at a time", oneBytePerFeed(utf8("😀\n")),
                        List.of(InboundLine.of("😀"))),
                Arguments.of("UTF-8 names", new byte[][] {utf8("Zürich Büro@#日本@#😀\n")},
                        List.of(InboundLine.of("Zürich Büro@#日本@#😀"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    void feedsBecomeLines(String name, byte[][] chunks, List<InboundLine> expected) {
        assertThat(feedAll(new StatusLineFramer(MAX), chunks)).isEqualTo(expected);
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() {
        String max = "x".repeat(MAX);
        assertThat(feedAll(new StatusLineFramer(MAX), utf8(max + "\n"), utf8(max + "\r\n")))
                .containsExactly(InboundLine.of(max), InboundLine.of(max));
    }

    @Test
    void theLimitCountsBytesNotCharacters() {
        String umlauts = "ä".repeat(MAX / 2); // MAX bytes
        assertThat(feedAll(new StatusLineFramer(MAX), utf8(umlauts + "\n"), utf8(umlauts + "ä\n")))
                .containsExactly(InboundLine.of(umlauts), InboundLine.rejected(TOO_LONG));
    }

    static Stream<Arguments> overLongLines() {
        return Stream.of(
                Arguments.of("one byte over", "x".repeat(MAX + 1)),
                Arguments.of("one byte over, ending in CR", "x".repeat(MAX + 1) + "\r"),
                Arguments.of("far over", "x".repeat(10 * MAX)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLongLines")
    void anOverLongLineIsRejectedAndTheNextLineIsFine(String name, String line) {
        StatusLineFramer framer = new StatusLineFramer(MAX);
        assertThat(framer.feed(utf8(line + "\nexit\n")))
                .containsExactly(InboundLine.rejected(TOO_LONG), InboundLine.of("exit"));
    }

    @Test
    void anOverLongLineAcrossManyFeedsIsRejectedOnceAtItsLineBreak() {
        StatusLineFramer framer = new StatusLineFramer(MAX);
        List<InboundLine> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.addAll(framer.feed(utf8("0123456789")));
        }
        assertThat(lines).as("nothing is reported before the line break").isEmpty();
        assertThat(framer.feed(utf8("tail\r\nget_statuses\n")))
                .containsExactly(InboundLine.rejected(TOO_LONG), InboundLine.of("get_statuses"));
    }

    @Test
    void theRestOfAnOverLongLineIsSkippedNotReadAsACommand() {
        StatusLineFramer framer = new StatusLineFramer(MAX);
        // the tail of the long line looks like a command: it must not surface as one
        String line = "x".repeat(MAX + 5) + "exit";
        assertThat(framer.feed(utf8(line + "\n"))).containsExactly(InboundLine.rejected(TOO_LONG));
    }

    @Test
    void invalidUtf8IsRejectedAndTheNextLineIsFine() {
        StatusLineFramer framer = new StatusLineFramer(MAX);
        byte[] bad = {'a', (byte) 0xC3, (byte) 0x28, '\n'};
        byte[] truncated = {'b', (byte) 0xE6, (byte) 0x97, '\n'}; // first two bytes of 日
        assertThat(feedAll(framer, bad, truncated, utf8("日本\n")))
                .containsExactly(InboundLine.rejected(BAD_UTF8), InboundLine.rejected(BAD_UTF8), InboundLine.of("日本"));
    }

    @Test
    void aRejectedLineHasAnEmptyText() {
        InboundLine rejected = new StatusLineFramer(MAX).feed(new byte[] {(byte) 0xFF, '\n'}).get(0);
        assertThat(rejected.isRejected()).isTrue();
        assertThat(rejected.text()).isEmpty();
        assertThat(InboundLine.of("").isRejected()).isFalse();
    }

    @Test
    void feedHonoursOffsetAndLength() {
        byte[] bytes = utf8("XXexit\nYY");
        assertThat(new StatusLineFramer(MAX).feed(bytes, 2, 5)).containsExactly(InboundLine.of("exit"));
    }

    @Test
    void theNettyDecoderEmitsInboundLines() {
        EmbeddedChannel channel = new EmbeddedChannel(new StatusLineDecoder(MAX).newChannelHandler());
        channel.writeInbound(buffer("get_ext"), buffer("ension_state\r\nexit\nZürich"));
        channel.writeInbound(buffer(" Büro\n" + "y".repeat(MAX + 1) + "\n"));

        assertThat(readAll(channel)).containsExactly(InboundLine.of("get_extension_state"), InboundLine.of("exit"),
                InboundLine.of("Zürich Büro"), InboundLine.rejected(TOO_LONG));
        channel.finishAndReleaseAll();
    }

    @Test
    void eachChannelGetsItsOwnFramer() {
        StatusLineDecoder factory = new StatusLineDecoder(MAX);
        EmbeddedChannel first = new EmbeddedChannel(factory.newChannelHandler());
        EmbeddedChannel second = new EmbeddedChannel(factory.newChannelHandler());

        first.writeInbound(buffer("get_"));
        second.writeInbound(buffer("exit\n"));
        first.writeInbound(buffer("statuses\n"));

        assertThat(readAll(second)).as("no bytes of the first channel").containsExactly(InboundLine.of("exit"));
        assertThat(readAll(first)).containsExactly(InboundLine.of("get_statuses"));
        assertThat(factory.newChannelHandler()).isNotSameAs(factory.newChannelHandler());
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void theOverLongLimitOfTheFactoryAppliesToEachChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(new StatusLineDecoder(4).newChannelHandler());
        channel.writeInbound(buffer("abcd\nabcde\n"));
        assertThat(readAll(channel)).containsExactly(InboundLine.of("abcd"),
                InboundLine.rejected("Line too long: more than 4 bytes"));
        channel.finishAndReleaseAll();
    }

    private static ByteBuf buffer(String text) {
        return Unpooled.wrappedBuffer(utf8(text));
    }

    private static List<InboundLine> readAll(EmbeddedChannel channel) {
        List<InboundLine> lines = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            lines.add((InboundLine) message);
        }
        return lines;
    }

    @Test
    void manyLinesFedOneByteAtATimeComeOutInOrder() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<InboundLine> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String line = "line " + i + " ä";
            stream.writeBytes(utf8(line + (i % 2 == 0 ? "\n" : "\r\n")));
            expected.add(InboundLine.of(line));
        }
        assertThat(feedAll(new StatusLineFramer(MAX), oneBytePerFeed(stream.toByteArray()))).isEqualTo(expected);
    }
}
