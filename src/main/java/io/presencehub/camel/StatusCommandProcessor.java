package io.presencehub.camel;

import io.presencehub.statusinterface.InboundLine;
import io.presencehub.statusinterface.StatusCommandHandler;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Runs one status-interface line through the command handler and sets the reply (null closes). */
public final class StatusCommandProcessor implements Processor {

    private final StatusCommandHandler handler;

    public StatusCommandProcessor(StatusCommandHandler handler) {
        this.handler = handler;
    }

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        InboundLine line = body instanceof InboundLine inbound ? inbound
                : InboundLine.of(exchange.getMessage().getBody(String.class));
        exchange.getMessage().setBody(handler.handle(line));
    }
}
