package io.presencehub.model;

/** A named status a tenant offers, with the presence type it stands for. */
public record StatusDef(String id, String name, StatusType type) {
}
