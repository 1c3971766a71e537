package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** The event reader gives the values SnakeYAML's loader gives, and refuses what a directory cannot use. */
class DirectoryYamlReaderTest {

    private static final LoadSettings SETTINGS = LoadSettings.builder().build();

    private static Object read(String yaml) {
        return DirectoryYamlReader.read(SETTINGS, new StringReader(yaml));
    }

    @Test
    void valuesAreTypedAsSnakeYamlTypesThem() {
        String yaml = """
                a: 1001
                b: "1001"
                c: 01001
                d: 1.5
                e: true
                f: ~
                g:
                h: !!str 42
                i: 'text'
                j: [1, two, {k: v}]
                k: |
                  two
                  lines
                """;
        assertThat(read(yaml)).isEqualTo(new Load(SETTINGS).loadFromString(yaml));
    }

    @Test
    void anAliasSharesItsAnchorsValue() {
        Object root = read("""
                statuses: &standard [{name: Available, type: available}]
                other: *standard
                """);
        Map<?, ?> map = (Map<?, ?>) root;
        assertThat(map.get("other")).isSameAs(map.get("statuses"));
        assertThat(map.get("other")).isEqualTo(List.of(Map.of("name", "Available", "type", "available")));
    }

    /** A YAML text a directory cannot use ({@code \n} standing for its line breaks), and how its refusal begins. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a: 1\\nb: 2\\na: 3\\n  | found duplicate key a at line 3, column 1
            a: *nowhere\\n         | unknown alias *nowhere at line 1, column 4
            a: &self [*self]\\n    | unknown alias *self
            a: 1\\n---\\nb: 2\\n     | the file holds more than one YAML document at line 2, column 1
            ? [a]\\n: 1\\n         | a key must be a single value
            a: !!set {x: ~}\\n     | cannot read a collection tagged tag:yaml.org,2002:set
            a: !secret x\\n        | cannot read a value tagged !secret
            """)
    void whatADirectoryCannotUseIsRefusedWithItsLine(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml.replace("\\n", "\n"))).isInstanceOf(DirectoryException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void yamlThatDoesNotParseFailsAsSnakeYamlFails() {
        assertThatThrownBy(() -> read("a: [\n")).isInstanceOf(YamlEngineException.class);
    }

    @Test
    void aliasesOfCollectionsAreLimitedAsSnakeYamlLimitsThem() {
        StringBuilder yaml = new StringBuilder("a: &list [1, 2]\nb: [");
        for (int i = 0; i <= SETTINGS.getMaxAliasesForCollections(); i++) {
            yaml.append("*list, ");
        }
        yaml.append("]\n");
        assertThatThrownBy(() -> read(yaml.toString())).isInstanceOf(DirectoryException.class)
                .hasMessageStartingWith("more than 50 aliases of lists and mappings");
    }

    @Test
    void anEmptyFileHasNoValue() {
        assertThat(read("")).isNull();
        assertThat(read("# only a comment\n")).isNull();
    }
}
