package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.store.ObservationFormatException;
import org.junit.jupiter.api.Test;

/** The stored form of the note taken from Teams (kind teams-note). */
class TeamsNoteCodecTest {

    @Test
    void aNoteWithSeparatorsAndLineBreaksComesBackAsItWas() {
        TeamsNote taken = new TeamsNote("a&b=c\nline two %20 ü", 1767261600L);
        String text = TeamsNoteCodec.encode(taken);
        assertThat(text).startsWith("v=1&");
        assertThat(TeamsNoteCodec.decode(text)).isEqualTo(taken);
        assertThat(TeamsNoteCodec.decode(TeamsNoteCodec.encode(new TeamsNote("", 0)))).isEqualTo(new TeamsNote("", 0));
    }

    @Test
    void aDamagedRowIsRefusedWithTheFormatException() {
        assertThatThrownBy(() -> TeamsNoteCodec.decode("v=1&note=x&returnTime=soon"))
                .isInstanceOf(ObservationFormatException.class);
        assertThatThrownBy(() -> TeamsNoteCodec.decode("v=1&note=x")).isInstanceOf(ObservationFormatException.class);
        assertThatThrownBy(() -> TeamsNoteCodec.decode("Lunch")).isInstanceOf(ObservationFormatException.class);
    }
}
