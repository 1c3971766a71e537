package io.presencehub.directory;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a directory file's YAML into plain values (maps, lists, scalars as the YAML core schema types them) straight
 * from the parser's events, as SnakeYAML's loader would, but without its node tree: the loader keeps a node per value
 * and, per node, marks that hold on to a window of the input, so a directory of 20,000 extensions needed more than
 * a 160 MB heap and one of 100,000 about 800 MB. The values read here are all that is kept.
 *
 * <p>One document; keys unique per mapping; anchors and aliases as YAML has them (an alias shares its anchor's value,
 * and like SnakeYAML at most {@link LoadSettings#getMaxAliasesForCollections()} aliases name collections); nesting
 * limited by {@link DepthLimitedParser}.
 */
final class DirectoryYamlReader {

    /** A directory has a dozen different keys; a file with ever new ones gets no more shared copies than this. */
    private static final int MAX_SHARED_KEYS = 1000;

    private final LoadSettings settings;
    private final Parser parser;
    private final Map<Anchor, Object> anchored = new HashMap<>();
    private int collectionAliases;

    /** Keys repeat on every entry ({@code number}, {@code email} …): one copy of each instead of one per entry. */
    private final Map<String, String> keys = new HashMap<>();

    private DirectoryYamlReader(LoadSettings settings, Reader yaml) {
        this.settings = settings;
        this.parser = new DepthLimitedParser(new ParserImpl(settings, new StreamReader(settings, yaml)));
    }

    /**
     * The values of the document in {@code yaml}; null for a file without one.
     *
     * @throws DirectoryException for what the directory cannot use (several documents, a duplicate key …)
     * @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException for text that is not YAML
     */
    static Object read(LoadSettings settings, Reader yaml) {
        return new DirectoryYamlReader(settings, yaml).document();
    }

    private Object document() {
        expect(Event.ID.StreamStart);
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return null;
        }
        expect(Event.ID.DocumentStart);
        Object root = value(parser.next());
        expect(Event.ID.DocumentEnd);
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            throw new DirectoryException("the file holds more than one YAML document" + at(parser.peekEvent()));
        }
        return root;
    }

    private void expect(Event.ID id) {
        Event event = parser.next();
        if (event.getEventId() != id) {
            throw new DirectoryException("unexpected YAML " + event.getEventId() + at(event));
        }
    }

    private Object value(Event event) {
        Object value = switch (event.getEventId()) {
            case Scalar -> scalar((ScalarEvent) event);
            case MappingStart -> mapping((CollectionStartEvent) event);
            case SequenceStart -> sequence((CollectionStartEvent) event);
            case Alias -> alias((AliasEvent) event);
            default -> throw new DirectoryException("unexpected YAML " + event.getEventId() + at(event));
        };
        if (event instanceof NodeEvent node && !(event instanceof AliasEvent)) {
            // registered once complete: an alias inside its own anchor is unknown, so values never contain themselves
            node.getAnchor().ifPresent(anchor -> anchored.put(anchor, value));
        }
        return value;
    }

    private Map<Object, Object> mapping(CollectionStartEvent start) {
        untagged(start, Tag.MAP);
        Map<Object, Object> map = new HashMap<>(4);
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.next();
            Object key = value(keyEvent);
            if (key instanceof Map || key instanceof List) {
                throw new DirectoryException("a key must be a single value" + at(keyEvent));
            }
            if (key instanceof String text && keys.size() < MAX_SHARED_KEYS) {
                key = keys.computeIfAbsent(text, k -> k);
            }
            Object value = value(parser.next());
            if (map.containsKey(key) && !settings.getAllowDuplicateKeys()) {
                throw new DirectoryException("found duplicate key " + key + at(keyEvent));
            }
            map.put(key, value);
        }
        parser.next();
        return map;
    }

    private List<Object> sequence(CollectionStartEvent start) {
        untagged(start, Tag.SEQ);
        ArrayList<Object> list = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            list.add(value(parser.next()));
        }
        parser.next();
        list.trimToSize();
        return list;
    }

    private Object alias(AliasEvent event) {
        Anchor anchor = event.getAlias();
        if (!anchored.containsKey(anchor)) {
            throw new DirectoryException("unknown alias *" + anchor.getValue() + at(event));
        }
        Object value = anchored.get(anchor);
        if ((value instanceof Map || value instanceof List)
                && ++collectionAliases > settings.getMaxAliasesForCollections()) {
            throw new DirectoryException("more than " + settings.getMaxAliasesForCollections()
                    + " aliases of lists and mappings" + at(event));
        }
        return value;
    }

    /** A scalar typed as SnakeYAML types it: the core schema for plain scalars, a string when quoted. */
    private Object scalar(ScalarEvent event) {
        Optional<String> explicit = event.getTag().filter(tag -> !tag.equals("!"));
        Tag tag = explicit.map(Tag::new).orElseGet(() -> settings.getSchema().getScalarResolver()
                .resolve(event.getValue(), event.getImplicit().canOmitTagInPlainScalar()));
        if (tag.equals(Tag.STR)) {
            return event.getValue();
        }
        ConstructNode construct = settings.getSchema().getSchemaTagConstructors().get(tag);
        if (construct == null) {
            throw new DirectoryException("cannot read a value tagged " + tag + at(event));
        }
        return construct.construct(new ScalarNode(tag, event.getValue(), event.getScalarStyle()));
    }

    private static void untagged(CollectionStartEvent start, Tag plain) {
        start.getTag().filter(tag -> !tag.equals("!") && !tag.equals(plain.getValue())).ifPresent(tag -> {
            throw new DirectoryException("cannot read a collection tagged " + tag + at(start));
        });
    }

    private static String at(Event event) {
        return event.getStartMark().map(DirectoryYamlReader::line).orElse("");
    }

    private static String line(Mark mark) {
        return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
