package io.presencehub.directory;

import static io.presencehub.model.DirectoryEvent.Kind.EXTENSION_ADDED;
import static io.presencehub.model.DirectoryEvent.Kind.EXTENSION_REMOVED;
import static io.presencehub.model.DirectoryEvent.Kind.EXTENSION_RENAMED;
import static io.presencehub.model.DirectoryEvent.Kind.LOCATION_ADDED;
import static io.presencehub.model.DirectoryEvent.Kind.LOCATION_REMOVED;
import static io.presencehub.model.DirectoryEvent.Kind.LOCATION_RENAMED;
import static io.presencehub.model.DirectoryEvent.Kind.STATUS_ADDED;
import static io.presencehub.model.DirectoryEvent.Kind.STATUS_REMOVED;
import static io.presencehub.model.DirectoryEvent.Kind.STATUS_RENAMED;
import static io.presencehub.model.DirectoryEvent.Kind.TENANT_ADDED;
import static io.presencehub.model.DirectoryEvent.Kind.TENANT_REMOVED;
import static io.presencehub.model.DirectoryEvent.Kind.TENANT_RENAMED;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Directory;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.DirectoryEvent.Kind;
import io.presencehub.model.Extension;
import io.presencehub.model.Location;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reload reports: compared by id, outermost first, in the order a client can follow. */
class DirectoryDiffTest {

    private static Directory directory(Location... locations) {
        return new Directory(List.of(locations));
    }

    private static Location location(String id, String name, Tenant... tenants) {
        return new Location(id, name, List.of(tenants));
    }

    private static Tenant tenant(String id, String name, List<StatusDef> statuses, List<Extension> extensions) {
        return new Tenant(id, name, statuses, extensions, List.of());
    }

    private static StatusDef status(String id, String name) {
        return new StatusDef(id, name, StatusType.AWAY);
    }

    private static Extension extension(String id, String number) {
        return new Extension(id, number, "CustomPresence:" + id);
    }

    private static DirectoryEvent event(Kind kind, String... names) {
        return DirectoryEvent.of(kind, names);
    }

    private static final StatusDef AVAILABLE = new StatusDef("available", "Available", StatusType.AVAILABLE);
    private static final StatusDef LUNCH = status("lunch", "Lunch");
    private static final Extension E1001 = extension("e1001", "1001");
    private static final Extension E1002 = extension("e1002", "1002");

    /** HQ/Sales with Available, Lunch and 1001, 1002; Branch/Support with Available and 2001. */
    private static Directory base() {
        return directory(
                location("hq", "HQ", tenant("sales", "Sales", List.of(AVAILABLE, LUNCH), List.of(E1001, E1002))),
                location("branch", "Branch", tenant("support", "Support", List.of(AVAILABLE),
                        List.of(extension("e2001", "2001")))));
    }

    private static Directory withSales(List<StatusDef> statuses, List<Extension> extensions) {
        return directory(
                location("hq", "HQ", tenant("sales", "Sales", statuses, extensions)),
                base().locations().get(1));
    }

    @Test
    void anUnchangedDirectoryGivesNoEvents() {
        assertThat(DirectoryDiff.between(base(), base())).isEmpty();
        assertThat(DirectoryDiff.between(directory(), directory())).isEmpty();
    }

    @Test
    void reorderingWithoutRenamingGivesNoEvents() {
        Directory reordered = directory(base().locations().get(1),
                location("hq", "HQ", tenant("sales", "Sales", List.of(LUNCH, AVAILABLE), List.of(E1002, E1001))));
        assertThat(DirectoryDiff.between(base(), reordered)).isEmpty();
    }

    @Test
    void aStatusAddedRemovedOrRenamed() {
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, LUNCH, status("meeting", "Meeting")),
                List.of(E1001, E1002)))).containsExactly(event(STATUS_ADDED, "HQ", "Sales", "Meeting"));
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE), List.of(E1001, E1002))))
                .containsExactly(event(STATUS_REMOVED, "HQ", "Sales", "Lunch"));
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, status("lunch", "Mittag")),
                List.of(E1001, E1002)))).containsExactly(event(STATUS_RENAMED, "HQ", "Sales", "Lunch", "Mittag"));
    }

    @Test
    void aChangedStatusTypeAloneIsNoDirectoryEvent() {
        StatusDef lunchAsXa = new StatusDef("lunch", "Lunch", StatusType.XA);
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, lunchAsXa), List.of(E1001, E1002))))
                .isEmpty();
    }

    @Test
    void anExtensionAddedRemovedOrRenumbered() {
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, LUNCH),
                List.of(E1001, E1002, extension("e1003", "1003")))))
                .containsExactly(event(EXTENSION_ADDED, "HQ", "Sales", "1003"));
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, LUNCH), List.of(E1002))))
                .containsExactly(event(EXTENSION_REMOVED, "HQ", "Sales", "1001"));
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, LUNCH),
                List.of(E1001, extension("e1002", "1012")))))
                .containsExactly(event(EXTENSION_RENAMED, "HQ", "Sales", "1002", "1012"));
    }

    @Test
    void aChangedPresentityAloneIsNoDirectoryEvent() {
        Extension moved = new Extension("e1001", "1001", "CustomPresence:elsewhere");
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, LUNCH), List.of(moved, E1002)))).isEmpty();
    }

    @Test
    void aNewIdUnderTheSameNameIsARemovalAndAnAddition() {
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, status("lunch-2", "Lunch")),
                List.of(E1001, extension("other", "1002")))))
                .containsExactly(
                        event(STATUS_REMOVED, "HQ", "Sales", "Lunch"),
                        event(STATUS_ADDED, "HQ", "Sales", "Lunch"),
                        event(EXTENSION_REMOVED, "HQ", "Sales", "1002"),
                        event(EXTENSION_ADDED, "HQ", "Sales", "1002"));
    }

    @Test
    void removalsComeBeforeAdditionsWhateverTheFileOrder() {
        StatusDef meeting = status("meeting", "Meeting");
        assertThat(DirectoryDiff.between(base(), withSales(List.of(meeting, AVAILABLE), List.of(E1001, E1002))))
                .containsExactly(
                        event(STATUS_REMOVED, "HQ", "Sales", "Lunch"),
                        event(STATUS_ADDED, "HQ", "Sales", "Meeting"));
    }

    @Test
    void aTenantAddedIsFollowedByItsStatusesAndExtensions() {
        Tenant service = tenant("service", "Service", List.of(AVAILABLE, LUNCH), List.of(E1001, E1002));
        Directory after = directory(
                location("hq", "HQ", base().locations().get(0).tenants().get(0), service),
                base().locations().get(1));

        assertThat(DirectoryDiff.between(base(), after)).containsExactly(
                event(TENANT_ADDED, "HQ", "Service"),
                event(STATUS_ADDED, "HQ", "Service", "Available"),
                event(STATUS_ADDED, "HQ", "Service", "Lunch"),
                event(EXTENSION_ADDED, "HQ", "Service", "1001"),
                event(EXTENSION_ADDED, "HQ", "Service", "1002"));
    }

    @Test
    void aTenantRemovedGivesOnlyTheTenantRemoval() {
        Directory after = directory(location("hq", "HQ"), base().locations().get(1));
        assertThat(DirectoryDiff.between(base(), after)).containsExactly(event(TENANT_REMOVED, "HQ", "Sales"));
    }

    @Test
    void aTenantRenamedIsReportedBeforeChangesInsideIt() {
        Directory after = directory(
                location("hq", "HQ", tenant("sales", "Vertrieb", List.of(AVAILABLE), List.of(E1001, E1002))),
                base().locations().get(1));
        assertThat(DirectoryDiff.between(base(), after)).containsExactly(
                event(TENANT_RENAMED, "HQ", "Sales", "Vertrieb"),
                event(STATUS_REMOVED, "HQ", "Vertrieb", "Lunch"));
    }

    @Test
    void aLocationAddedIsFollowedByItsTenantsAndTheirContent() {
        Directory after = directory(base().locations().get(0), base().locations().get(1),
                location("zurich", "Zürich Büro",
                        tenant("ventes", "Ventes", List.of(status("dispo", "Disponible")), List.of(extension("e3001", "3001"))),
                        tenant("empty", "Leer", List.of(AVAILABLE), List.of())));

        assertThat(DirectoryDiff.between(base(), after)).containsExactly(
                event(LOCATION_ADDED, "Zürich Büro"),
                event(TENANT_ADDED, "Zürich Büro", "Ventes"),
                event(STATUS_ADDED, "Zürich Büro", "Ventes", "Disponible"),
                event(EXTENSION_ADDED, "Zürich Büro", "Ventes", "3001"),
                event(TENANT_ADDED, "Zürich Büro", "Leer"),
                event(STATUS_ADDED, "Zürich Büro", "Leer", "Available"));
    }

    @Test
    void aLocationRemovedGivesOnlyTheLocationRemoval() {
        assertThat(DirectoryDiff.between(base(), directory(base().locations().get(0))))
                .containsExactly(event(LOCATION_REMOVED, "Branch"));
    }

    @Test
    void aLocationRenamedIsReportedBeforeChangesInsideItWhichUseTheNewName() {
        Directory after = directory(
                location("hq", "Head Office", tenant("sales", "Sales", List.of(AVAILABLE, LUNCH),
                        List.of(E1001, E1002, extension("e1003", "1003")))),
                base().locations().get(1));
        assertThat(DirectoryDiff.between(base(), after)).containsExactly(
                event(LOCATION_RENAMED, "HQ", "Head Office"),
                event(EXTENSION_ADDED, "Head Office", "Sales", "1003"));
    }

    @Test
    void manyChangesAtOnceComeOutermostFirst() {
        Directory after = directory(
                location("hq", "Head Office",
                        tenant("sales", "Vertrieb", List.of(AVAILABLE, status("lunch", "Mittag"), status("xa", "Urlaub")),
                                List.of(extension("e1002", "1012"), extension("e1005", "1005")))),
                location("lab", "Lab", tenant("r&d", "R&D", List.of(AVAILABLE), List.of())));

        assertThat(DirectoryDiff.between(base(), after)).containsExactly(
                event(LOCATION_REMOVED, "Branch"),
                event(LOCATION_RENAMED, "HQ", "Head Office"),
                event(TENANT_RENAMED, "Head Office", "Sales", "Vertrieb"),
                event(STATUS_RENAMED, "Head Office", "Vertrieb", "Lunch", "Mittag"),
                event(STATUS_ADDED, "Head Office", "Vertrieb", "Urlaub"),
                event(EXTENSION_REMOVED, "Head Office", "Vertrieb", "1001"),
                event(EXTENSION_RENAMED, "Head Office", "Vertrieb", "1002", "1012"),
                event(EXTENSION_ADDED, "Head Office", "Vertrieb", "1005"),
                event(LOCATION_ADDED, "Lab"),
                event(TENANT_ADDED, "Lab", "R&D"),
                event(STATUS_ADDED, "Lab", "R&D", "Available"));
    }

    // A client keeps its model by name: an addition that reuses a name must come after the rename
    // that frees it, or the client would see two items with one name (and rename the wrong one).

    @Test
    void aRenamedStatusIsReportedBeforeANewStatusTakingItsOldName() {
        StatusDef renamed = status("lunch", "Mittag");
        StatusDef reusing = status("lunch-2", "Lunch");
        List<DirectoryEvent> expected = List.of(
                event(STATUS_RENAMED, "HQ", "Sales", "Lunch", "Mittag"),
                event(STATUS_ADDED, "HQ", "Sales", "Lunch"));

        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, renamed, reusing), List.of(E1001, E1002))))
                .isEqualTo(expected);
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, reusing, renamed), List.of(E1001, E1002))))
                .as("the new status listed first in the file").isEqualTo(expected);
    }

    @Test
    void aRenumberedExtensionIsReportedBeforeANewExtensionTakingItsOldNumber() {
        assertThat(DirectoryDiff.between(base(), withSales(List.of(AVAILABLE, LUNCH),
                List.of(extension("new", "1001"), extension("e1001", "1011"), E1002))))
                .containsExactly(
                        event(EXTENSION_RENAMED, "HQ", "Sales", "1001", "1011"),
                        event(EXTENSION_ADDED, "HQ", "Sales", "1001"));
    }

    @Test
    void aRenamedTenantIsReportedBeforeANewTenantTakingItsOldName() {
        Tenant renamed = tenant("sales", "Vertrieb", List.of(AVAILABLE, LUNCH), List.of(E1001, E1002));
        Tenant reusing = tenant("sales-2", "Sales", List.of(AVAILABLE), List.of());
        Directory after = directory(location("hq", "HQ", reusing, renamed), base().locations().get(1));

        assertThat(DirectoryDiff.between(base(), after)).containsExactly(
                event(TENANT_RENAMED, "HQ", "Sales", "Vertrieb"),
                event(TENANT_ADDED, "HQ", "Sales"),
                event(STATUS_ADDED, "HQ", "Sales", "Available"));
    }

    @Test
    void aRenamedLocationIsReportedBeforeANewLocationTakingItsOldName() {
        Location renamed = location("branch", "Old Branch", base().locations().get(1).tenants().get(0));
        Location reusing = location("branch-2", "Branch");
        Directory after = directory(reusing, base().locations().get(0), renamed);

        assertThat(DirectoryDiff.between(base(), after)).containsExactly(
                event(LOCATION_RENAMED, "Branch", "Old Branch"),
                event(LOCATION_ADDED, "Branch"));
    }
}
