package io.presencehub.statusinterface;

/**
 * One line received from a status client: its text, or the reason it could not be read (then
 * {@code text} is empty and the client gets an {@code Error:} reply).
 */
public record InboundLine(String text, String problem) {

    /**
     * Not a line: the client closed its sending side. Everything it sent before is answered, then
     * the connection is closed.
     */
    public static final InboundLine END_OF_INPUT = new InboundLine("", "end of input");

    public static InboundLine of(String text) {
        return new InboundLine(text, null);
    }

    public static InboundLine rejected(String problem) {
        return new InboundLine("", problem);
    }

    public boolean isRejected() {
        return problem != null;
    }
}
