package io.presencehub.model;

import java.util.List;

/**
 * A person: the extensions that share one status, the extension used for outgoing sync and the
 * e-mail that matches the Teams account. An extension no user claims is a user of its own.
 */
public record User(String id, String email, List<String> extensions, String defaultExtension) {

    public User {
        extensions = List.copyOf(extensions);
    }
}
