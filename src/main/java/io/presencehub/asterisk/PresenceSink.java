package io.presencehub.asterisk;

/** Sends one presence write to Asterisk (in the hub: the {@code asterisk-write} route). */
@FunctionalInterface
public interface PresenceSink {

    /**
     * Blocks until Asterisk answered.
     *
     * @throws io.presencehub.asterisk.AmiNotConnectedException when AMI is down: the write is kept and retried
     * @throws RuntimeException                           any other failure: the write is dropped and logged
     */
    void write(PresenceWrite write);
}
