package io.presencehub.directory;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Stops YAML nested deeper than any directory needs (it needs 8 levels) before SnakeYAML's
 * recursive composer runs out of stack: a file of 50,000 nested {@code [} would otherwise end
 * every reload with a StackOverflowError. Counts the collection events it passes on.
 */
final class DepthLimitedParser implements Parser {

    /** SnakeYAML's own default nesting limit (SnakeYAML Engine has none). */
    static final int MAX_DEPTH = 50;

    private final Parser parser;
    private int depth;

    DepthLimitedParser(Parser parser) {
        this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case MappingStart, SequenceStart -> {
                if (++depth > MAX_DEPTH) {
                    throw new DirectoryException("nested more than " + MAX_DEPTH + " levels deep"
                            + event.getStartMark().map(mark -> " at line " + (mark.getLine() + 1)).orElse(""));
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> { }
        }
        return event;
    }
}
