package io.presencehub.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last events sent to web clients, for {@code Last-Event-ID} resume: each gets an id {@code <run>-<sequence>},
 * where the run is new at every start of the hub, so an id of an earlier run (or one older than what is kept)
 * cannot resume and the client must reload. Not thread-safe: its owner serialises the calls.
 */
public final class WebEventLog {

    /** One server-sent event: its id, name ({@code state}, {@code directory}) and one line of JSON. */
    public record Event(String id, String name, String data) {

        /** The event as it travels: {@code id:}, {@code event:}, {@code data:} and a blank line. */
        public String wire() {
            return "id: " + id + "\nevent: " + name + "\ndata: " + data + "\n\n";
        }
    }

    private final String run;
    private final int keep;
    private final ArrayDeque<Event> kept = new ArrayDeque<>();
    private long sequence;

    public WebEventLog(String run, int keep) {
        this.run = run;
        this.keep = keep;
    }

    public Event append(String name, String data) {
        Event event = new Event(run + "-" + ++sequence, name, data);
        kept.addLast(event);
        if (kept.size() > keep) {
            kept.removeFirst();
        }
        return event;
    }

    /**
     * The events after the one with this id, or empty when they cannot be told: an id of another run, one not
     * issued yet, or one older than the oldest kept event (some were dropped since).
     */
    public Optional<List<Event>> after(String lastEventId) {
        int dash = lastEventId.lastIndexOf('-');
        if (dash < 0 || !lastEventId.substring(0, dash).equals(run)) {
            return Optional.empty();
        }
        long last;
        try {
            last = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long oldestKept = sequence - kept.size() + 1;
        if (last > sequence || last < oldestKept - 1) {
            return Optional.empty();
        }
        List<Event> missed = new ArrayList<>();
        for (Event event : kept) {
            if (Long.parseLong(event.id().substring(dash + 1)) > last) {
                missed.add(event);
            }
        }
        return Optional.of(missed);
    }

    /** The id of the newest event ({@code <run>-0} before the first). */
    public String lastId() {
        return run + "-" + sequence;
    }
}
