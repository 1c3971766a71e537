/**
 * The decision log: the last decisions the hub's rules made (what was written, ignored or left alone, and why), kept
 * in memory for the admin page and written at DEBUG to logger {@code io.presencehub.decisions}. Uses only the model.
 */
package io.presencehub.decisions;
