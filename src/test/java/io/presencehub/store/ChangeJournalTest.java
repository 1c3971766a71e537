package io.presencehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.testing.AwkwardTexts;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file: its lines, its segments, and what a replay makes of a torn or damaged file. */
class ChangeJournalTest {

    private static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    private static final UserKey BOB = new UserKey("Zürich Büro", "Ventes", "ext:3001");
    private static final UserKey CAROL = new UserKey("hq", "a&b=c", "line\nbreak");

    @TempDir
    Path folder;

    private Path base() {
        return folder.resolve("hub");
    }

    private static UserState state(String note, long version) {
        return new UserState("Lunch", StatusType.AWAY, note, 1_800_000_000L, Origin.STATUS_INTERFACE,
                Instant.ofEpochMilli(1_740_000_000_123L + version), version, Origin.TEAMS);
    }

    private static void append(ChangeJournal journal, UserKey user, UserState state) throws IOException {
        journal.append(JournalLine.encode(user, state));
    }

    @Test
    void everyTextAndFieldRoundTripsAndTheLatestStatePerUserWins() throws IOException {
        Map<UserKey, UserState> expected = new LinkedHashMap<>();
        try (ChangeJournal journal = ChangeJournal.open(base())) {
            long version = 0;
            for (String text : AwkwardTexts.ALL) {
                UserKey user = new UserKey("hq", text, "user " + version % 3);
                UserState state = new UserState(text, StatusType.values()[(int) (version % 6)], text, version,
                        Origin.values()[(int) (version % 4)], Instant.ofEpochMilli(version * 1_000_003), ++version,
                        Origin.values()[(int) ((version + 1) % 4)]);
                append(journal, user, state);
                expected.put(user, state);
            }
            append(journal, ALICE, state("first", 1));
            append(journal, BOB, state("only", 1));
            append(journal, ALICE, state("second", 2));
            expected.put(BOB, state("only", 1));
            expected.put(ALICE, state("second", 2));
        }
        assertThat(ChangeJournal.segments(base())).containsExactly(folder.resolve("hub.journal.1"));
        String text = Files.readString(folder.resolve("hub.journal.1"));
        assertThat(text.chars()).as("printable ASCII, one line per change")
                .allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f));
        assertThat(text.lines()).hasSize(AwkwardTexts.ALL.size() + 3);

        ChangeJournal.Replay replay = ChangeJournal.replay(ChangeJournal.segments(base()));

        assertThat(replay.states()).isEqualTo(expected);
        assertThat(replay.lines()).isEqualTo(AwkwardTexts.ALL.size() + 3);
        assertThat(replay.skipped()).isEmpty();
    }

    /** A power cut may leave the last write half done, or the file's tail as zeros. */
    @Test
    void aTornLastLineIsSkippedAndEveryLineBeforeItKept() throws IOException {
        try (ChangeJournal journal = ChangeJournal.open(base())) {
            append(journal, ALICE, state("one", 1));
            append(journal, BOB, state("two", 1));
            byte[] third = JournalLine.encode(CAROL, state("three", 1));
            journal.append(Arrays.copyOf(third, third.length / 2));
        }
        Path segment = folder.resolve("hub.journal.1");

        ChangeJournal.Replay replay = ChangeJournal.replay(List.of(segment));

        assertThat(replay.states()).isEqualTo(Map.of(ALICE, state("one", 1), BOB, state("two", 1)));
        assertThat(replay.skipped()).singleElement().asString()
                .startsWith("Journal " + segment + " line 3 skipped: last line cut short (checksum ");

        Files.write(segment, new byte[4096], StandardOpenOption.APPEND);
        assertThat(ChangeJournal.replay(List.of(segment)).states()).containsOnlyKeys(ALICE, BOB);
    }

    @Test
    void aDamagedLineInTheMiddleIsSkippedAndTheLinesAroundItKept() throws IOException {
        try (ChangeJournal journal = ChangeJournal.open(base())) {
            append(journal, ALICE, state("one", 1));
            append(journal, BOB, state("two", 1));
            append(journal, CAROL, state("three", 1));
            append(journal, ALICE, state("four", 2));
        }
        Path segment = folder.resolve("hub.journal.1");
        List<String> lines = Files.readAllLines(segment);
        lines.set(1, lines.get(1).replace("two", "tWo"));
        lines.set(2, "garbage");
        Files.write(segment, lines);

        ChangeJournal.Replay replay = ChangeJournal.replay(List.of(segment));

        assertThat(replay.states()).isEqualTo(Map.of(ALICE, state("four", 2)));
        assertThat(replay.skipped()).hasSize(2);
        assertThat(replay.skipped().get(0)).startsWith("Journal " + segment + " line 2 skipped: checksum ")
                .doesNotContain("cut short");
        assertThat(replay.skipped().get(1)).isEqualTo("Journal " + segment + " line 3 skipped: no checksum (7 bytes)");
    }

    @Test
    void rotationStartsTheNextSegmentAndOpeningNumbersAfterTheExistingOnes() throws IOException {
        try (ChangeJournal journal = ChangeJournal.open(base())) {
            append(journal, ALICE, state("one", 1));
            journal.rotate();
            append(journal, ALICE, state("two", 2));
            assertThat(journal.current()).isEqualTo(folder.resolve("hub.journal.2"));
            assertThat(journal.older()).containsExactly(folder.resolve("hub.journal.1"));
        }
        Files.writeString(folder.resolve("hub.journal.x"), "not a segment");
        Files.writeString(folder.resolve("other.journal.7"), "another database's");
        assertThat(ChangeJournal.segments(base()))
                .containsExactly(folder.resolve("hub.journal.1"), folder.resolve("hub.journal.2"));
        assertThat(ChangeJournal.replay(ChangeJournal.segments(base())).states()).isEqualTo(Map.of(ALICE, state("two", 2)));

        try (ChangeJournal journal = ChangeJournal.open(base())) {
            assertThat(journal.current()).isEqualTo(folder.resolve("hub.journal.3"));
        }
        ChangeJournal.delete(ChangeJournal.segments(base()));
        assertThat(ChangeJournal.segments(base())).isEmpty();
    }

    /** A failed write may have left part of a line: the next line goes to a new segment, not behind it. */
    @Test
    void anAppendThatFailsThrowsAndTheNextGoesToANewSegment() throws IOException {
        try (ChangeJournal journal = ChangeJournal.open(base())) {
            append(journal, ALICE, state("one", 1));
            journal.channel().close();
            assertThatThrownBy(() -> append(journal, BOB, state("lost", 1))).isInstanceOf(ClosedChannelException.class);

            append(journal, CAROL, state("two", 1));
            assertThat(journal.current()).isEqualTo(folder.resolve("hub.journal.2"));

            journal.channel().close();
            assertThatThrownBy(() -> append(journal, BOB, state("lost", 1))).isInstanceOf(ClosedChannelException.class);
            Files.createDirectory(folder.resolve("hub.journal.3"));
            assertThatThrownBy(() -> append(journal, BOB, state("lost", 2)))
                    .as("the new segment cannot be created").isInstanceOf(FileAlreadyExistsException.class);
        }
        assertThat(ChangeJournal.replay(List.of(folder.resolve("hub.journal.1"), folder.resolve("hub.journal.2"))).states())
                .isEqualTo(Map.of(ALICE, state("one", 1), CAROL, state("two", 1)));
    }

    @Test
    void aClosedJournalRefusesAppends() throws IOException {
        ChangeJournal journal = ChangeJournal.open(base());
        journal.close();
        journal.close();
        assertThatThrownBy(() -> append(journal, ALICE, state("late", 1))).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(journal::rotate).isInstanceOf(ClosedChannelException.class);
    }
}
