package se.foubot.channels.email;

import java.io.StringReader;
import java.util.Locale;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** Reads the iCalendar part of a received calendar mail with iCal4j; never throws. */
final class ICalendarParts {

    private ICalendarParts() {
    }

    /** @param contentTypeMethod the METHOD of the part's content type, used when the object cannot be read */
    static CalendarReply read(String ics, String contentTypeMethod) {
        String fallback = contentTypeMethod == null ? null : contentTypeMethod.strip().toUpperCase(Locale.ROOT);
        try {
            Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
            String method = calendar.getProperty(Property.METHOD).map(p -> p.getValue().toUpperCase(Locale.ROOT)).orElse(fallback);
            VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElse(null);
            if (event == null) {
                return new CalendarReply(method, null, null, null);
            }
            String uid = event.getProperty(Property.UID).map(Property::getValue).orElse(null);
            Property attendee = event.getProperty(Property.ATTENDEE).orElse(null);
            String address = attendee == null ? null : attendee.getValue().replaceFirst("(?i)^mailto:", "").strip()
                    .toLowerCase(Locale.ROOT);
            String partstat = attendee == null ? null : attendee.getParameter(Parameter.PARTSTAT)
                    .map(p -> p.getValue().toUpperCase(Locale.ROOT)).orElse(null);
            return new CalendarReply(method, uid, address, partstat);
        } catch (Exception | StackOverflowError e) {
            // an unreadable calendar object is still a calendar mail when its content type says so
            return fallback == null ? null : new CalendarReply(fallback, null, null, null);
        }
    }
}
