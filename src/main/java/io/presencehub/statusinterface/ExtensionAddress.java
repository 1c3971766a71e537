package io.presencehub.statusinterface;

/** An extension as status clients name it: location name, tenant name, extension number. */
public record ExtensionAddress(String location, String tenant, String number) {
}
