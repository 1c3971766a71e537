package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.directory.DirectoryFile.Content;
import io.presencehub.directory.DirectoryFile.Unreadable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One look at the directory file: strict UTF-8 with the place of the first bad byte, a size limit, short reasons. */
class DirectoryFileTest {

    @TempDir
    Path folder;

    @Test
    void aLatin1FileIsRejectedWithTheLineAndColumnOfTheFirstBadByte() {
        byte[] latin1 = "locations:\n  - name: HQ\n  - name: Z\u00fcrich B\u00fcro\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> DirectoryFile.checkUtf8(latin1))
                .isInstanceOf(DirectoryException.class)
                .hasMessage("invalid UTF-8 at line 3, column 12");
    }

    @Test
    void theColumnCountsCharactersNotBytes() {
        byte[] text = "locations:\n  - name: \u65e5\u672c \ud83d\ude00 ".getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = new byte[text.length + 1];
        System.arraycopy(text, 0, withBadByte, 0, text.length);
        withBadByte[text.length] = (byte) 0xff;

        assertThatThrownBy(() -> DirectoryFile.checkUtf8(withBadByte)).hasMessage("invalid UTF-8 at line 2, column 16");
    }

    @Test
    void aSequenceCutOffAtTheEndIsInvalidToo() {
        byte[] text = "name: B\u00fc".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(text, text.length - 1);

        assertThatThrownBy(() -> DirectoryFile.checkUtf8(cut)).hasMessage("invalid UTF-8 at line 1, column 8");
    }

    @Test
    void validUtf8IsAcceptedAndReadUnchanged() {
        String name = "Z\u00fcrich B\u00fcro \u65e5\u672c \ud83d\ude00";
        String text = "locations:\n  - name: " + name + "\n    tenants: []\n";

        DirectoryFile.checkUtf8(text.repeat(2000).getBytes(StandardCharsets.UTF_8));
        assertThat(new DirectoryParser().parse(text.getBytes(StandardCharsets.UTF_8)).locations().get(0).name())
                .isEqualTo(name);
    }

    static Stream<Arguments> readFailures() {
        return Stream.of(
                Arguments.of(new NoSuchFileException("/etc/hub/directory.yaml"), "no such file"),
                Arguments.of(new AccessDeniedException("/etc/hub/directory.yaml"), "permission denied"),
                Arguments.of(new FileSystemException("/etc/hub/directory.yaml", null, "Is a directory"), "is a directory"),
                Arguments.of(new FileSystemException("/etc/hub/directory.yaml", null, "Input/output error"),
                        "input/output error"),
                Arguments.of(new IOException("Stale file handle"), "java.io.IOException: Stale file handle"));
    }

    /** Permission denied cannot be produced for real: the tests run as root, whom no file mode stops. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("readFailures")
    void aReadFailureIsReportedInAFewWords(IOException failure, String reason) {
        assertThat(DirectoryFile.reason(failure)).isEqualTo(reason);
    }

    @Test
    void aMissingFileAFolderAndAFileOverTheLimitAreUnreadable() throws IOException {
        Path file = folder.resolve("directory.yaml");
        assertThat(new DirectoryFile(file, 100).look()).isEqualTo(new Unreadable("no such file"));

        Files.createDirectory(file);
        assertThat(new DirectoryFile(file, 100).look()).isEqualTo(new Unreadable("is a directory"));

        Files.delete(file);
        Files.writeString(file, "x".repeat(101));
        assertThat(new DirectoryFile(file, 100).look())
                .isEqualTo(new Unreadable("it has 101 bytes, more than hub.directory.max-size (100)"));
        assertThat(new DirectoryFile(file, 101).look()).isInstanceOf(Content.class);
    }

    @Test
    void twoLooksAtAnUnchangedFileAreTheSameAndALookAfterAWriteIsNot() throws IOException {
        Path file = folder.resolve("directory.yaml");
        Files.writeString(file, "locations: []\n");
        DirectoryFile directoryFile = new DirectoryFile(file, 100);
        Content first = (Content) directoryFile.look();

        assertThat(first.sameAs(directoryFile.look())).isTrue();
        Files.writeString(file, "locations: [ ]\n");
        assertThat(first.sameAs(directoryFile.look())).isFalse();
        assertThat(first.sameAs(new Unreadable("no such file"))).isFalse();
    }
}
