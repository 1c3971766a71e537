package io.presencehub.directory;

/**
 * The directory file as the admin page shows it; times are ISO-8601 instants.
 *
 * @param lastReload     when the directory in force was loaded
 * @param lastRejectedAt when a file was last not applied (rejected or held back); null for never since the start
 * @param lastRejection  why, in words
 */
public record DirectoryOverview(String file, String lastReload, String lastRejectedAt, String lastRejection) {
}
