package io.presencehub.statusinterface;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.Location;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusDef;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import io.presencehub.statusinterface.StatusCommand.Exit;
import io.presencehub.statusinterface.StatusCommand.GetExtensionField;
import io.presencehub.statusinterface.StatusCommand.GetExtensionState;
import io.presencehub.statusinterface.StatusCommand.GetStatuses;
import io.presencehub.statusinterface.StatusCommand.SetExtensionField;
import io.presencehub.store.StoreException;
import io.presencehub.sync.PresenceApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes status-interface commands against the directory and the user states, and hands the
 * reply text (lines joined by line breaks; an empty text is the seed's empty-line reply) to the
 * caller's sink, or {@code null} for {@code exit}, which closes the connection without a reply.
 * A reply that reports state is built and handed over between changes, so it is never older than
 * an event queued before it.
 */
public final class StatusCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StatusCommandHandler.class);

    private final Supplier<DirectoryIndex> directory;
    private final PresenceApplier applier;

    public StatusCommandHandler(Supplier<DirectoryIndex> directory, PresenceApplier applier) {
        this.directory = directory;
        this.applier = applier;
    }

    public void handle(InboundLine line, Consumer<String> reply) {
        if (line.isRejected()) {
            reply.accept(StatusLineCodec.error(line.problem()));
            return;
        }
        try {
            StatusCommand command = StatusLineCodec.parse(line.text());
            if (command instanceof SetExtensionField set) {
                reply.accept(set(set));
            } else if (command instanceof Exit) {
                reply.accept(null);
            } else {
                applier.betweenChanges(() -> reply.accept(read(command)));
            }
        } catch (StatusProtocolException e) {
            LOG.debug("Rejected status command '{}': {}", line.text(), e.getMessage());
            reply.accept(StatusLineCodec.error(e.getMessage()));
        } catch (StoreException e) {
            LOG.error("Status command '{}' failed: {}", line.text(), e.getMessage());
            reply.accept(StatusLineCodec.error("The change could not be stored: " + e.getMessage()));
        }
    }

    /** The reply to a command that reads; an unknown address is a StatusProtocolException. */
    private String read(StatusCommand command) {
        DirectoryIndex index = directory.get();
        if (command instanceof GetExtensionState) {
            return stateReport(index);
        }
        if (command instanceof GetStatuses) {
            return statusReport(index);
        }
        GetExtensionField get = (GetExtensionField) command;
        ExtensionEntry entry = resolve(index, get.extension());
        return StatusLineCodec.fieldReply(get.field(), value(get.field(), entry, applier.current(entry.user())));
    }

    private String set(SetExtensionField set) {
        DirectoryIndex index = directory.get();
        ExtensionEntry entry = resolve(index, set.extension());
        UserUpdate update = switch (set.field()) {
            case STATUS -> UserUpdate.status(entry.user(), status(entry, set.value()), Origin.STATUS_INTERFACE);
            case NOTE -> UserUpdate.note(entry.user(), set.value(), Origin.STATUS_INTERFACE);
            case RETURN_TIME -> UserUpdate.returnTime(entry.user(), StatusLineCodec.parseReturnTime(set.value()),
                    Origin.STATUS_INTERFACE);
        };
        applier.apply(update);
        return "";
    }

    private String stateReport(DirectoryIndex index) {
        List<String> lines = new ArrayList<>();
        lines.add("State Report Started");
        for (Location location : index.directory().locations()) {
            lines.add(StatusLineCodec.join("Location", location.name()));
            for (Tenant tenant : location.tenants()) {
                lines.add(StatusLineCodec.join("Tenant", tenant.name()));
                for (var extension : tenant.extensions()) {
                    ExtensionEntry entry = index.extension(location.name(), tenant.name(), extension.number()).orElseThrow();
                    UserState state = applier.current(entry.user());
                    lines.add(StatusLineCodec.stateReportLine(extension.number(), statusName(tenant, state),
                            state.note(), state.returnTime()));
                }
            }
        }
        lines.add("State Report Finished");
        return StatusLineCodec.lines(lines);
    }

    private static String statusReport(DirectoryIndex index) {
        List<String> lines = new ArrayList<>();
        lines.add("Status Report Started");
        for (Location location : index.directory().locations()) {
            lines.add(StatusLineCodec.join("Location", location.name()));
            for (Tenant tenant : location.tenants()) {
                lines.add(StatusLineCodec.join("Tenant", tenant.name()));
                tenant.statuses().forEach(s -> lines.add(StatusLineCodec.join("Status", s.name())));
            }
        }
        lines.add("Status Report Finished");
        return StatusLineCodec.lines(lines);
    }

    /** The name of a user's status; a status no longer configured shows as the tenant's initial one. */
    public static String statusName(Tenant tenant, UserState state) {
        return tenant.statusWithId(state.statusId()).orElse(tenant.initialStatus()).name();
    }

    private static String value(StatusField field, ExtensionEntry entry, UserState state) {
        return switch (field) {
            case STATUS -> statusName(entry.tenant(), state);
            case NOTE -> state.note();
            case RETURN_TIME -> Long.toString(state.returnTime());
        };
    }

    /** The tenant's status of this name; an unknown name is a StatusProtocolException saying so. */
    public static StatusDef status(ExtensionEntry entry, String name) {
        return entry.tenant().statusNamed(name).orElseThrow(() -> new StatusProtocolException(
                "Unknown status: " + name + " (not a status of tenant " + entry.tenant().name()
                        + " in location " + entry.location().name() + ")"));
    }

    /** The addressed extension; an unknown location, tenant or number is a StatusProtocolException naming it. */
    public static ExtensionEntry resolve(DirectoryIndex index, ExtensionAddress address) {
        return index.extension(address.location(), address.tenant(), address.number()).orElseThrow(() -> {
            Location location = index.directory().locationNamed(address.location()).orElseThrow(
                    () -> new StatusProtocolException("Unknown location: " + address.location()));
            if (location.tenants().stream().noneMatch(t -> t.name().equals(address.tenant()))) {
                return new StatusProtocolException("Unknown tenant: " + address.tenant() + " (in location "
                        + address.location() + ")");
            }
            return new StatusProtocolException("Unknown extension: " + address.number() + " (in tenant "
                    + address.tenant() + " of location " + address.location() + ")");
        });
    }
}
