package se.foubot.grants;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.foubot.privacy.OutsideTextGuard;

/** Admin API for grants (bearer FOUBOT_ADMIN_TOKEN, see admin/AdminAccess): preview, calendar, subscribers, import. */
@RestController
class GrantsAdminController {

    /** A subscriber without the unsubscribe secret. */
    record SubscriberView(String id, String channel, String district, List<String> programmes, boolean active, String source,
            java.time.Instant subscribedAt) {
    }

    private final GrantReminders reminders;
    private final GrantSubscriptions subscriptions;
    private final SubscriberImport importer;
    private final GrantCalendar calendar;
    private final OutsideTextGuard guard;

    GrantsAdminController(GrantReminders reminders, GrantSubscriptions subscriptions, SubscriberImport importer,
            GrantCalendar calendar, OutsideTextGuard guard) {
        this.guard = guard;
        this.reminders = reminders;
        this.subscriptions = subscriptions;
        this.importer = importer;
        this.calendar = calendar;
    }

    /** The reminders that would go out on {@code date} (local), without sending anything. */
    @GetMapping("/api/grants/reminders")
    ResponseEntity<?> preview(@RequestParam String date) {
        try {
            return ResponseEntity.ok(reminders.preview(LocalDate.parse(date)));
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "date must be YYYY-MM-DD, not '" + date + "'"));
        }
    }

    @GetMapping("/api/grants/calendar")
    List<GrantCalendar.Deadline> deadlines(@RequestParam(required = false) Integer year) {
        return calendar.deadlines(year != null ? year : LocalDate.now().getYear());
    }

    @GetMapping("/api/grants/subscribers")
    List<SubscriberView> subscribers() {
        return subscriptions.all().stream().map(s -> new SubscriberView(s.id(), s.channel(), s.district(), s.programmes(),
                s.active(), s.source(), s.subscribedAt())).toList();
    }

    /** CSV body: email,district,programmes. Answers what was subscribed and every refused row with its reason. */
    @PostMapping(value = "/api/grants/subscribers/import", consumes = {"text/csv", "text/plain"})
    SubscriberImport.Report importCsv(@RequestBody String csv) {
        return importer.run(guard.check(csv));
    }
}
