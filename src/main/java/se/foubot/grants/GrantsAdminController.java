package se.foubot.grants;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.foubot.admin.AskedYear;
import se.foubot.admin.Csv;
import se.foubot.admin.RepeatedParameter;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Admin API for grants (bearer FOUBOT_ADMIN_TOKEN, see admin/AdminAccess): preview, calendar, subscribers, import, and
 * the yearly CSV exports (also served to signed-in staff under /dashboard/exports/).
 */
@RestController
class GrantsAdminController {

    /** A subscriber without the unsubscribe secret. */
    record SubscriberView(String id, String channel, String district, List<String> programmes, boolean active, String source,
            java.time.Instant subscribedAt) {
    }

    static final int IMPORT_MAX_BYTES = 8 * 1024 * 1024;

    private final GrantReminders reminders;
    private final GrantSubscriptions subscriptions;
    private final SubscriberImport importer;
    private final GrantCalendar calendar;
    private final OutsideTextGuard guard;
    private final GrantFigures figures;
    private final java.time.ZoneId zone;
    private final AskedYear years;

    GrantsAdminController(GrantReminders reminders, GrantSubscriptions subscriptions, SubscriberImport importer,
            GrantCalendar calendar, OutsideTextGuard guard, GrantFigures figures, java.time.ZoneId zone, AskedYear years) {
        this.years = years;
        this.guard = guard;
        this.figures = figures;
        this.zone = zone;
        this.reminders = reminders;
        this.subscriptions = subscriptions;
        this.importer = importer;
        this.calendar = calendar;
    }

    /**
     * The reminders that would go out on {@code date} (local), without sending anything. The date is read as text and
     * its absence answered here, as the knowledge-gap export answers a missing round: Spring's own answer to a missing
     * parameter was a bare 400 that named nothing (a black-box tester's finding).
     */
    @GetMapping("/api/grants/reminders")
    ResponseEntity<?> preview(@RequestParam(required = false) String date) {
        // a date given twice is that date; two different ones are refused, as two years are (RepeatedParameter)
        List<String> written = RepeatedParameter.values(date, GrantsAdminController::asDate);
        if (written.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("reasons", List.of("Ange vilken dag, skriven ÅÅÅÅ-MM-DD, till exempel "
                    + "?date=2027-08-11.")));
        }
        if (written.size() > 1) {
            return ResponseEntity.badRequest().body(Map.of("reasons", List.of(RepeatedParameter.givenTwice("Datumet", written)
                    + " Ange en dag, till exempel ?date=2027-08-11.")));
        }
        try {
            return ResponseEntity.ok(reminders.preview(LocalDate.parse(written.get(0))));
        } catch (DateTimeParseException e) {
            // the same words as the other routes' reasons: the form and a real date (helper 100: "2027-02-30" is the form)
            return ResponseEntity.badRequest().body(Map.of("reasons", List.of("Datumet ska vara ett riktigt datum skrivet ÅÅÅÅ-MM-DD, "
                    + "till exempel 2027-08-11.")));
        }
    }

    /** The date written, so that the same day written twice is one; the text itself when it is no date. */
    private static Object asDate(String written) {
        try {
            return LocalDate.parse(written);
        } catch (DateTimeParseException e) {
            return written;
        }
    }

    /** The deadlines of the year asked for (this year when none is), within {@link AskedYear}'s rule as every export. */
    @GetMapping("/api/grants/calendar")
    List<GrantCalendar.Deadline> deadlines(@RequestParam(required = false) String year) {
        return calendar.deadlines(years.orThisYear(year));
    }

    @GetMapping("/api/grants/subscribers")
    List<SubscriberView> subscribers() {
        return subscriptions.all().stream().map(s -> new SubscriberView(s.id(), s.channel(), s.district(), s.programmes(),
                s.active(), s.source(), s.subscribedAt())).toList();
    }

    /**
     * CSV body: email,district,programmes. Answers what was subscribed and every refused row with its reason. A body
     * over {@value #IMPORT_MAX_BYTES} bytes (some 30,000 rows) is refused whole before it is read into memory: a
     * 100 MB one ran the bot out of it.
     */
    @PostMapping(value = "/api/grants/subscribers/import", consumes = {"text/csv", "text/plain"})
    ResponseEntity<?> importCsv(HttpServletRequest request) throws IOException {
        // read up to the limit even when the declared length is over it: a client still sending when the answer comes
        // would see its connection reset instead of the reason
        byte[] body = request.getInputStream().readNBytes(IMPORT_MAX_BYTES + 1);
        if (body.length > IMPORT_MAX_BYTES) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", "the CSV is larger than "
                    + IMPORT_MAX_BYTES / (1024 * 1024) + " MB; split it into several imports"));
        }
        // the charset the Content-Type names (Spring has already refused one Java does not know), UTF-8 without one;
        // not the request's character encoding, which the server's encoding filter sets to UTF-8 for every request
        Charset declared = MediaType.parseMediaType(request.getContentType()).getCharset();
        return ResponseEntity.ok(importer.run(guard.check(new String(body, declared != null ? declared : StandardCharsets.UTF_8))));
    }

    /**
     * Subscribers per district and programme at the end of {@code year} (today, for this year), for the annual report. A
     * year to come is refused: its end has not come, and today's subscribers labelled with it read as that year's (a
     * black-box tester's finding); the staff page offers no such year either.
     */
    @GetMapping({"/api/exports/grant-subscribers.csv", "/dashboard/exports/grant-subscribers.csv"})
    ResponseEntity<?> subscribersCsv(@RequestParam(required = false) String year) {
        int y = years.orThisYear(year);
        int now = years.thisYear();
        if (y > now) {
            return ResponseEntity.badRequest().body(Map.of("reasons", List.of(y + " har inte börjat än, och bevakarna räknas vid årets "
                    + "slut (för i år: i dag). Ange ett år till och med " + now + ".")));
        }
        Csv csv = new Csv("year", "district", "programme", "subscribers");
        figures.subscribersPerDistrict(y).forEach((district, programmes) -> programmes.forEach((programme, n) ->
                csv.row(Integer.toString(y), district, programme, Integer.toString(n))));
        return csv.response(Csv.fileName("grant-subscribers", y));
    }

    /** Every reminder of the year's deadlines: when it was (is) to go out, whether it did and to how many. */
    @GetMapping({"/api/exports/grant-reminders.csv", "/dashboard/exports/grant-reminders.csv"})
    ResponseEntity<String> remindersCsv(@RequestParam(required = false) String year) {
        int y = years.orThisYear(year);
        Csv csv = new Csv("deadline", "deadline_date", "offset", "send_at", "state", "recipients", "sent_at");
        for (GrantFigures.Reminder r : figures.reminders(y)) {
            csv.row(r.deadline().id(), r.deadline().date().toString(), r.offset(), Csv.time(r.sendAt(), zone),
                    r.state().name().toLowerCase(), Long.toString(r.recipients()),
                    Csv.time(r.sentAt(), zone));
        }
        return csv.response(Csv.fileName("grant-reminders", y));
    }
}
