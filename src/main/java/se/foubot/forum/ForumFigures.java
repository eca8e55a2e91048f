package se.foubot.forum;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import se.foubot.forum.Registration.Status;

/** FoU-forum as figures for the staff web and the annual report: meetings, registrations per district, waitlists. */
@Component
public class ForumFigures {

    /** What the figures call a registration without a district. */
    public static final String UNKNOWN = "okänd";

    /**
     * One meeting: how many are registered, waiting and have cancelled, and the registered per district.
     *
     * @param held the meeting has taken place (its registered people are the year's attendance)
     */
    public record MeetingFigures(Meeting meeting, int registered, int waitlisted, int cancelled, boolean held,
            Map<String, Integer> registeredByDistrict) {
    }

    private final ForumService forum;
    private final Clock clock;
    private final ZoneId zone;

    ForumFigures(ForumService forum, Clock clock, ZoneId zone) {
        this.forum = forum;
        this.clock = clock;
        this.zone = zone;
    }

    /** The years with meetings, and this year. */
    /** The year it is now, in Stockholm. */
    public int thisYear() {
        return clock.instant().atZone(zone).getYear();
    }

    public SortedSet<Integer> years() {
        SortedSet<Integer> years = new TreeSet<>();
        years.add(clock.instant().atZone(zone).getYear());
        forum.all().forEach(m -> years.add(m.start().atZone(zone).getYear()));
        return years;
    }

    /** The meetings of {@code year}, cancelled ones too, in date order. */
    public List<MeetingFigures> meetings(int year) {
        List<MeetingFigures> out = new ArrayList<>();
        for (Meeting m : forum.all()) {
            if (m.start().atZone(zone).getYear() != year) {
                continue;
            }
            Map<String, Integer> byDistrict = new TreeMap<>();
            int registered = 0;
            int waitlisted = 0;
            int cancelled = 0;
            for (Registration r : registrationsOf(m.id())) {
                switch (r.status()) {
                    case REGISTERED -> {
                        registered++;
                        byDistrict.merge(district(r), 1, Integer::sum);
                    }
                    case WAITLISTED -> waitlisted++;
                    case CANCELLED -> cancelled++;
                }
            }
            out.add(new MeetingFigures(m, registered, waitlisted, cancelled, !m.cancelled() && m.end().isBefore(clock.instant()),
                    byDistrict));
        }
        return out;
    }

    /**
     * Registered people per year and district at the meetings that were not cancelled (the annual report's attendance),
     * for {@code year} or, when null, every year.
     */
    public Map<Integer, Map<String, Integer>> registeredPerDistrict(Integer year) {
        Map<String, Meeting> meetings = new TreeMap<>();
        forum.all().forEach(m -> meetings.put(m.id(), m));
        Map<Integer, Map<String, Integer>> counts = new TreeMap<>();
        for (Registration r : forum.allRegistrations()) {
            Meeting m = meetings.get(r.meetingId());
            if (m == null || m.cancelled() || r.status() != Status.REGISTERED) {
                continue;
            }
            int y = m.start().atZone(zone).getYear();
            if (year == null || y == year) {
                counts.computeIfAbsent(y, k -> new TreeMap<>()).merge(district(r), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The people waiting for a seat at {@code meetingId}, first in line first. */
    public List<Registration> waitlist(String meetingId) {
        return forum.registrations(meetingId, Status.WAITLISTED);
    }

    private List<Registration> registrationsOf(String meetingId) {
        List<Registration> all = new ArrayList<>();
        for (Status s : Status.values()) {
            all.addAll(forum.registrations(meetingId, s));
        }
        return all;
    }

    private static String district(Registration r) {
        return Objects.requireNonNullElse(r.district(), UNKNOWN);
    }
}
