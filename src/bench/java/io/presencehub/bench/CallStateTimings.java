package io.presencehub.bench;

import static io.presencehub.bench.BenchRun.percentile;

import static io.presencehub.bench.CallStateBenchmark.MEETING_USERS;
import static io.presencehub.bench.CallStateBenchmark.PHONE_USERS;
import static io.presencehub.bench.CallStateBenchmark.USERS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.teams.FakeGraph.Served;
import io.presencehub.testing.TestDirectories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What {@link CallStateBenchmark} recorded (when it changed a phone or a meeting; what the fake Graph served; which
 * Setvar DEVICE_STATE the fake Asterisk received, all in {@link System#nanoTime()}) and the latencies drawn from it
 * after the run.
 */
final class CallStateTimings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEETING = "InAMeeting";

    private record Setvar(String device, String value, long nanos) {
    }

    private final long[] phoneStart = new long[PHONE_USERS];
    private final long[] phoneEnd = new long[PHONE_USERS];
    private final long[] meetingStart = new long[MEETING_USERS];
    private final long[] meetingEnd = new long[MEETING_USERS];
    private final Queue<Setvar> setvars = new ConcurrentLinkedQueue<>();
    private final Map<String, List<Served>> writesByUser = new HashMap<>();
    private final List<Served> reads = new ArrayList<>();

    void phoneChange(int user, boolean start, long nanos) {
        (start ? phoneStart : phoneEnd)[user] = nanos;
    }

    void meetingChange(int user, boolean start, long nanos) {
        (start ? meetingStart : meetingEnd)[user - PHONE_USERS] = nanos;
    }

    /** From the first call start to the last call end emitted. */
    double phoneSeconds() {
        return (Arrays.stream(phoneEnd).max().orElse(0) - Arrays.stream(phoneStart).min().orElse(0)) / 1e9;
    }

    void setvar(String device, String value, long nanos) {
        setvars.add(new Setvar(device, value, nanos));
    }

    /** After the run: one answer of the fake Graph. */
    void served(Served served) {
        if (served.endpoint() == Endpoint.GET_PRESENCES_BY_USER_ID) {
            reads.add(served);
        } else {
            writesByUser.computeIfAbsent(served.userId(), u -> new ArrayList<>()).add(served);
        }
    }

    /** DeviceStateChange emitted → setPresence Busy/InACall (start) or clearPresence (end) received at Graph. */
    void printPhones() {
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        int setPresence = 0;
        int clearPresence = 0;
        int refused = 0;
        for (int i = 0; i < PHONE_USERS; i++) {
            List<Served> writes = writesOf(i);
            setPresence += (int) writes.stream().filter(w -> w.endpoint() == Endpoint.SET_PRESENCE).count();
            clearPresence += (int) writes.stream().filter(w -> w.endpoint() == Endpoint.CLEAR_PRESENCE).count();
            refused += (int) writes.stream().filter(w -> w.status() >= 300).count();
            int user = i;
            writes.stream().filter(w -> w.receivedNanos() > phoneStart[user] && w.receivedNanos() < phoneEnd[user]
                            && w.status() < 300 && isCallSession(w)).findFirst()
                    .ifPresent(w -> starts.add(w.receivedNanos() - phoneStart[user]));
            writes.stream().filter(w -> w.receivedNanos() > phoneEnd[user] && w.status() < 300 && !isCallSession(w))
                    .findFirst().ifPresent(w -> ends.add(w.receivedNanos() - phoneEnd[user]));
        }
        List<Long> all = new ArrayList<>(starts);
        all.addAll(ends);
        long teamsDeviceWrites = setvars.stream().filter(s -> deviceUser(s.device()) < PHONE_USERS).count();
        line("device state -> setPresence Busy/InACall", starts, PHONE_USERS);
        line("device state -> clearPresence           ", ends, PHONE_USERS);
        line("both                                    ", all, 2 * PHONE_USERS);
        System.out.printf(Locale.ROOT, "    target p99 <= 100 ms: setPresence %s, both %s%n",
                verdict(starts, PHONE_USERS), verdict(all, 2 * PHONE_USERS));
        System.out.printf(Locale.ROOT, "    Graph writes for the phone users: %d setPresence + %d clearPresence for %d"
                        + " device-state changes (%d coalesced away), %d not 2xx; Setvar DEVICE_STATE for their"
                        + " Teams devices: %d (must be 0)%n", setPresence, clearPresence, 2 * PHONE_USERS,
                2 * PHONE_USERS - setPresence - clearPresence, refused, teamsDeviceWrites);
    }

    /**
     * The getPresencesByUserId answer that first showed the meeting (or its end) → Setvar DEVICE_STATE INUSE
     * (NOT_INUSE) received by the fake Asterisk; and, for scale, the session change → that Setvar (poll wait included).
     */
    void printMeetings() {
        long[] shownStart = new long[MEETING_USERS];
        long[] shownEnd = new long[MEETING_USERS];
        Arrays.fill(shownStart, Long.MAX_VALUE);
        Arrays.fill(shownEnd, Long.MAX_VALUE);
        for (Served read : reads) {
            if (read.status() != 200) {
                continue;
            }
            for (JsonNode presence : parse(read.responseBody()).path("value")) {
                int j = graphUser(presence.path("id").asText()) - PHONE_USERS;
                if (j < 0 || j >= MEETING_USERS) {
                    continue;
                }
                boolean meeting = MEETING.equals(presence.path("activity").asText());
                if (meeting) {
                    shownStart[j] = Math.min(shownStart[j], read.answeredNanos());
                } else if (read.answeredNanos() > meetingEnd[j]) {
                    shownEnd[j] = Math.min(shownEnd[j], read.answeredNanos());
                }
            }
        }
        List<Long> afterReadIn = new ArrayList<>();
        List<Long> afterReadOut = new ArrayList<>();
        List<Long> fromChangeIn = new ArrayList<>();
        List<Long> fromChangeOut = new ArrayList<>();
        int meetingWrites = 0;
        for (int j = 0; j < MEETING_USERS; j++) {
            String device = "Custom:teams-" + TeamsBenchUsers.number(PHONE_USERS + j);
            long in = firstSetvar(device, "INUSE", meetingStart[j]);
            long out = firstSetvar(device, "NOT_INUSE", meetingEnd[j]);
            if (in != Long.MAX_VALUE && shownStart[j] != Long.MAX_VALUE) {
                afterReadIn.add(in - shownStart[j]);
                fromChangeIn.add(in - meetingStart[j]);
            }
            if (out != Long.MAX_VALUE && shownEnd[j] != Long.MAX_VALUE) {
                afterReadOut.add(out - shownEnd[j]);
                fromChangeOut.add(out - meetingEnd[j]);
            }
            meetingWrites += writesOf(PHONE_USERS + j).size();
        }
        long meetingSetvars = setvars.stream().filter(s -> deviceUser(s.device()) >= PHONE_USERS).count();
        System.out.printf(Locale.ROOT, "  Teams meetings: %d users join Busy/InAMeeting 0.1 s apart and leave %.0f s"
                        + " later; %d getPresencesByUserId answers read%n", MEETING_USERS,
                CallStateBenchmark.MEETING_NANOS / 1e9, reads.size());
        line("read showing the meeting -> Setvar INUSE    ", afterReadIn, MEETING_USERS);
        line("read showing its end     -> Setvar NOT_INUSE", afterReadOut, MEETING_USERS);
        line("(session change -> INUSE, poll wait incl.)  ", fromChangeIn, MEETING_USERS);
        line("(session change -> NOT_INUSE, poll wait)    ", fromChangeOut, MEETING_USERS);
        System.out.printf(Locale.ROOT, "    Setvar DEVICE_STATE for the meeting users' devices: %d (2 per meeting: %d);"
                + " Graph writes for them: %d (no call session: must be 0)%n", meetingSetvars, 2 * MEETING_USERS,
                meetingWrites);
    }

    private List<Served> writesOf(int user) {
        List<Served> writes = new ArrayList<>(
                writesByUser.getOrDefault(TestDirectories.teamsUserGraphId(user), List.of()));
        writes.sort(Comparator.comparingLong(Served::receivedNanos));
        return writes;
    }

    private long firstSetvar(String device, String value, long after) {
        return setvars.stream().filter(s -> s.device().equals(device) && value.equalsIgnoreCase(s.value())
                && s.nanos() > after).mapToLong(Setvar::nanos).min().orElse(Long.MAX_VALUE);
    }

    private static boolean isCallSession(Served write) {
        return write.endpoint() == Endpoint.SET_PRESENCE && write.requestBody().contains("\"InACall\"");
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** The user index of a fake Graph id {@code g-<i>}; -1 for another. */
    private static int graphUser(String id) {
        try {
            return id.startsWith("g-") ? Integer.parseInt(id.substring(2)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The user index of a {@code Custom:teams-<number>} device; -1 for another. */
    private static int deviceUser(String device) {
        try {
            int i = Integer.parseInt(device.substring(device.lastIndexOf('-') + 1)) - TeamsBenchUsers.number(0);
            return i >= 0 && i < USERS ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void line(String what, List<Long> nanos, int expected) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "    %s %4d of %4d: p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms%n", what,
                sorted.size(), expected, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                percentile(sorted, 100) / 1e6);
    }

    /** Met when every change was timed and the p99 is at most 100 ms. */
    private static String verdict(List<Long> nanos, int expected) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.size() < expected) {
            return "MISSED (" + (expected - sorted.size()) + " not timed)";
        }
        return percentile(sorted, 99) <= 100_000_000L ? "met" : "MISSED";
    }
}
