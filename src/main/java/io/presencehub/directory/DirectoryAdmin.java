package io.presencehub.directory;

import java.util.Optional;

/** Gathers what the admin page shows about the directory file: which, when loaded, the last file not applied. */
public final class DirectoryAdmin {

    private final DirectoryService directory;

    public DirectoryAdmin(DirectoryService directory) {
        this.directory = directory;
    }

    public DirectoryOverview overview() {
        Optional<DirectoryService.Rejection> rejection = directory.lastRejection();
        return new DirectoryOverview(directory.file().toAbsolutePath().toString(), directory.loadedAt().toString(),
                rejection.map(r -> r.at().toString()).orElse(null), rejection.map(DirectoryService.Rejection::reason)
                .orElse(null));
    }
}
