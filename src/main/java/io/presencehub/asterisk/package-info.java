/**
 * The Asterisk connector: user presence over one AMI login (seed 000 "Status Sync"). Its flow is
 * {@code routes/asterisk.camel.yaml}; {@link io.presencehub.asterisk.AsteriskConfiguration} builds it from
 * {@link io.presencehub.asterisk.AsteriskSettings}.
 *
 * <p><b>Edge</b> (asterisk-java types in and out, nowhere else): {@code AmiConnection} (login, back-off, resync,
 * Setvar), the AMI messages {@code PresenceStateChangeEvent}, {@code PresenceStateListAction},
 * {@code PresenceStateListCompleteEvent}, {@code AsteriskPresenceTranslator}, {@code PresenceValueEncoder},
 * {@code AmiEscapes}/{@code AmiText} and the {@code Ami*Exception}s; the component {@code AmiComponent} /
 * {@code AmiEndpoint} / {@code AmiConsumer} ({@code ami:presence}) / {@code AmiProducer} ({@code ami:setvar}).
 *
 * <p><b>Rules</b> (pure, table-tested): {@code AsteriskIncomingResolver} (which extension decides),
 * {@code AsteriskWriteResolver} (which presentities a change is written to), {@code AsteriskOwedWrites} (what is
 * owed now), {@code AsteriskEchoes} (the hub's own writes coming back), {@code AsteriskStateMapper},
 * {@code IncomingMethod}, {@code OutgoingMethod}.
 *
 * <p><b>Runtime</b> (what runs when): {@code AsteriskLink} (the one login), {@code AsteriskInbox} (the coalescing
 * step, fed on asterisk-java's event thread, drained on {@code asterisk-inbox}), {@code AsteriskReader}
 * (Asterisk → hub, route {@code asterisk-presence-in}), {@code AsteriskWriter} (hub → Asterisk, routes
 * {@code asterisk-outgoing} and {@code asterisk-writer}), {@code AsteriskHealth} (check {@code asterisk}).
 *
 * <p><b>Threads</b>: asterisk-java's socket reader, event pump and ping thread; {@code ami-supervisor} and
 * {@code asterisk-inbox} from Camel's ExecutorServiceManager (started and stopped with route
 * {@code asterisk-presence-in}); Camel's timer thread for {@code asterisk-writer}.
 */
package io.presencehub.asterisk;
