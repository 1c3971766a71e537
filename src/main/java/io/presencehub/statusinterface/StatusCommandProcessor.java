package io.presencehub.statusinterface;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;

/**
 * Runs one status-interface line through the command handler and queues the reply for the client
 * that sent it, behind the events already queued for that client; {@code exit}, or the end of the
 * client's input (a half-close), closes it once the replies are sent.
 */
public final class StatusCommandProcessor implements Processor {

    private final StatusCommandHandler handler;
    private final StatusClientGroup clients;

    public StatusCommandProcessor(StatusCommandHandler handler, StatusClientGroup clients) {
        this.handler = handler;
        this.clients = clients;
    }

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        InboundLine line = body instanceof InboundLine inbound ? inbound
                : InboundLine.of(exchange.getMessage().getBody(String.class));
        Channel client = exchange.getMessage()
                .getHeader(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT, ChannelHandlerContext.class).channel();
        if (clients.isExiting(client)) {
            return; // a line pipelined behind exit
        }
        if (line == InboundLine.END_OF_INPUT) {
            // the client closed its sending side: every line before was answered, so close after the replies
            clients.closeAfterPending(client);
            return;
        }
        handler.handle(line, reply -> {
            if (reply == null) {
                clients.closeAfterPending(client);
            } else {
                clients.reply(client, reply + "\n");
            }
        });
    }
}
