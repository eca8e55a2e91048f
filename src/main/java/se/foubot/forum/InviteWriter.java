package se.foubot.forum;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;

import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import se.foubot.conversation.Language;
import se.foubot.messaging.Notice;
import se.foubot.messaging.Texts;

/**
 * Writes the iCalendar invite of a meeting for one attendee (RFC 5545, iTIP RFC 5546): METHOD REQUEST or CANCEL,
 * the meeting's stable UID, SEQUENCE raised with each change, times in Europe/Stockholm with its VTIMEZONE,
 * ORGANIZER (the bot's address) and the ATTENDEE — what Outlook and Google Calendar need to show the invite
 * with its buttons and to update or remove the same event later.
 */
@Component
class InviteWriter {

    static final String REQUEST = "REQUEST";
    static final String CANCEL = "CANCEL";

    private final Texts texts;

    InviteWriter(Texts texts) {
        this.texts = texts;
    }

    /**
     * @param sequence the attendee's SEQUENCE ({@link Registration#sequence}: the meeting's changes and their own)
     * @param language the attendee's language for the event's description; Swedish when null (not known)
     */
    Notice.Invite write(Meeting m, int sequence, String method, String attendeeEmail, String organizerEmail, ZoneId zone, Instant stamp,
            Language language) {
        Language l = language != null ? language : Language.SV;
        VEvent event = new VEvent();
        event.add(local(new DtStart<>(m.start().atZone(zone).toLocalDateTime()), zone));
        event.add(local(new DtEnd<>(m.end().atZone(zone).toLocalDateTime()), zone));
        event.add(new Summary(m.title()));
        event.add(new Uid(m.id() + "@fou-bot"));
        event.add(new Sequence(sequence));
        // a new VEvent carries a DTSTAMP of its own already; RFC 5545 allows exactly one
        event.replace(new DtStamp(stamp));
        event.add(new Location(m.place()));
        StringBuilder description = new StringBuilder();
        if (m.description() != null) {
            description.append(m.description()).append("\n\n");
        }
        if (m.agenda() != null) {
            description.append(texts.get(l, "forum.invite.agenda")).append("\n").append(m.agenda()).append("\n\n");
        }
        if (m.videoLink() != null && MeetingPlan.isHttpsLink(m.videoLink())) {
            // a meeting planned before links were checked may hold one that is not a URI: it is left out, not fatal
            description.append(texts.get(l, "forum.invite.link", "link", m.videoLink()));
            event.add(new Url(URI.create(m.videoLink())));
        }
        if (!description.isEmpty()) {
            event.add(new Description(description.toString().strip()));
        }
        Organizer organizer = new Organizer(mailto(organizerEmail));
        organizer.add(new Cn("FoU-forum"));
        event.add(organizer);
        Attendee attendee = new Attendee(mailto(attendeeEmail));
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(CuType.INDIVIDUAL);
        attendee.add(CANCEL.equals(method) ? PartStat.DECLINED : PartStat.NEEDS_ACTION);
        attendee.add(CANCEL.equals(method) ? Rsvp.FALSE : Rsvp.TRUE);
        event.add(attendee);
        event.add(CANCEL.equals(method) ? new Status(Status.VALUE_CANCELLED) : new Status(Status.VALUE_CONFIRMED));
        event.add(new Transp(Transp.VALUE_OPAQUE));

        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Stockholms stad//fou-bot FoU-forum//SV"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method(method));
        calendar.add(vtimezone(zone));
        calendar.add(event);
        return new Notice.Invite(method, folded(calendar.toString()));
    }

    /** RFC 5545 section 3.1: no line longer than this many octets, the line break not counted. */
    static final int MAX_LINE_OCTETS = 75;

    /**
     * Folds each content line at {@value #MAX_LINE_OCTETS} octets of UTF-8 (RFC 5545 section 3.1: CRLF and a space
     * go in, and a reader takes both out again), never inside a character. ical4j's FoldingWriter counts UTF-16
     * chars, so a line of Swedish letters folded by it would still run to twice the limit in octets.
     */
    static String folded(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 30);
        for (String line : unfolded.split("\r?\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                if (octets + size > MAX_LINE_OCTETS) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(codePoint);
                octets += size;
                i += Character.charCount(codePoint);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** mailto: with the address quoted as a URI needs it, whatever characters it holds. */
    private static URI mailto(String address) {
        try {
            return new URI("mailto", address, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not an address for an invite", e);
        }
    }

    /** Local wall-clock time with the zone named by TZID, which the VTIMEZONE in the same object defines. */
    private static <T extends net.fortuna.ical4j.model.Property> T local(T property, ZoneId zone) {
        property.add(new TzId(zone.getId()));
        return property;
    }

    /**
     * The zone's VTIMEZONE from the definitions packaged in ical4j, read as they are: the registry would resolve
     * Europe/Stockholm to its alias Europe/Berlin, and people's calendars should show the zone they know.
     * Read afresh for each invite: ical4j components are not safe to share between threads.
     */
    private static VTimeZone vtimezone(ZoneId zone) {
        try (InputStream in = InviteWriter.class.getResourceAsStream("/zoneinfo/" + zone.getId() + ".ics")) {
            if (in == null) {
                throw new IllegalStateException("no VTIMEZONE for " + zone.getId() + " in ical4j");
            }
            VTimeZone vtz = (VTimeZone) new CalendarBuilder().build(in).getComponent(net.fortuna.ical4j.model.Component.VTIMEZONE)
                    .orElseThrow();
            // tzdata makes Stockholm a link to Berlin (the same rules since 1980), so the file is Berlin's: name it ours
            vtz.replace(new net.fortuna.ical4j.model.property.TzId(zone.getId()));
            vtz.getProperty(net.fortuna.ical4j.model.Property.TZURL).ifPresent(vtz::remove);
            vtz.getProperty("X-LIC-LOCATION").ifPresent(vtz::remove);
            return vtz;
        } catch (IOException | ParserException e) {
            throw new IllegalStateException("cannot read the VTIMEZONE of " + zone.getId(), e);
        }
    }
}
