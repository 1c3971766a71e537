package io.presencehub.statusinterface;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Gathers what the admin page shows about the status interface: its connected clients. */
public final class StatusInterfaceAdmin {

    private final StatusClientGroup clients;

    public StatusInterfaceAdmin(StatusClientGroup clients) {
        this.clients = clients;
    }

    public StatusClientsOverview overview() {
        List<String> addresses = new ArrayList<>();
        for (Channel client : clients) {
            addresses.add(text(client.remoteAddress()));
        }
        addresses.sort(null);
        return new StatusClientsOverview(addresses.size(), addresses);
    }

    private static String text(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
