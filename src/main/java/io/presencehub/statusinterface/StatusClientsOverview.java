package io.presencehub.statusinterface;

import java.util.List;

/**
 * The status interface's clients as the admin page shows them.
 *
 * @param addresses each connected client's address and port, e.g. {@code 10.0.0.7:51234}
 */
public record StatusClientsOverview(int connected, List<String> addresses) {
}
