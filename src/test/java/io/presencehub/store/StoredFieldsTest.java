package io.presencehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.testing.AwkwardTexts;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The versioned text format every observation codec writes its fields in. */
class StoredFieldsTest {

    static Stream<String> awkwardValues() {
        return AwkwardTexts.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("awkwardValues")
    void everyValueRoundTripsAndIsStoredAsPrintableAscii(String value) {
        String text = StoredFields.create().with("first", value).with("second", "after").text();

        assertThat(text).startsWith("v=1&first=").matches("[\\x21-\\x7e]*");
        StoredFields read = StoredFields.parse(text);
        assertThat(read.require("first")).isEqualTo(value);
        assertThat(read.require("second")).isEqualTo("after");
    }

    @Test
    void theTextIsReadableFormEncoding() {
        assertThat(StoredFields.create().with("state", "dnd").with("message", "back at 2\nä").text())
                .isEqualTo("v=1&state=dnd&message=back+at+2%0A%C3%A4");
        assertThat(StoredFields.create().text()).isEqualTo("v=1");
    }

    @Test
    void anAbsentFieldReadsAsNullAndAnEmptyOneAsEmpty() {
        StoredFields read = StoredFields.parse(StoredFields.create().with("gone", null).with("empty", "").text());

        assertThat(read.get("gone")).isEmpty();
        assertThat(read.get("empty")).contains("");
        assertThatThrownBy(() -> read.require("gone")).isInstanceOf(ObservationFormatException.class)
                .hasMessage("stored field gone is missing");
    }

    @Test
    void onlyTextsStartingWithTheVersionAreStoredFields() {
        assertThat(StoredFields.isStoredFields("v=1&a=b")).isTrue();
        assertThat(StoredFields.isStoredFields("dnd,TG9iYnk=,")).isFalse();
        assertThat(StoredFields.isStoredFields("Available\u001fAvailable\u001f\u001f1")).isFalse();
        assertThat(StoredFields.isStoredFields("{\"account\":\"g-1\"}")).isFalse();
        assertThat(StoredFields.isStoredFields("8f2a-guid")).isFalse();
    }

    @Test
    void damagedTextsAndUnknownVersionsAreRefused() {
        assertThatThrownBy(() -> StoredFields.parse("dnd,,")).isInstanceOf(ObservationFormatException.class);
        assertThatThrownBy(() -> StoredFields.parse("v=2&a=b")).isInstanceOf(ObservationFormatException.class)
                .hasMessage("stored-fields version 2 is not known to this release");
        assertThatThrownBy(() -> StoredFields.parse("v=1&a")).isInstanceOf(ObservationFormatException.class);
        assertThatThrownBy(() -> StoredFields.parse("v=1&a=%zz")).isInstanceOf(ObservationFormatException.class);
        assertThatThrownBy(() -> StoredFields.parse("v=1&a=1&a=2")).isInstanceOf(ObservationFormatException.class);
        assertThatThrownBy(() -> StoredFields.parse("v=1&v=1")).isInstanceOf(ObservationFormatException.class);
    }

    @Test
    void theVersionIsNotAFieldName() {
        assertThatThrownBy(() -> StoredFields.create().with("v", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
