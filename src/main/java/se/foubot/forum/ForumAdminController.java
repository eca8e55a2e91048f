package se.foubot.forum;

import java.time.ZoneId;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.foubot.admin.AskedYear;
import se.foubot.admin.Csv;
import se.foubot.forum.Registration.Status;

/**
 * Admin API for FoU-forum (bearer FOUBOT_ADMIN_TOKEN): meetings, attendee lists, agenda proposals, yearly attendance.
 * The CSV exports are also served to signed-in staff under /dashboard/exports/ (attendee lists and agenda proposals to
 * coordinators only).
 */
@RestController
class ForumAdminController {

    private final ForumService forum;
    private final ForumFigures figures;
    private final ZoneId zone;
    private final AskedYear years;

    ForumAdminController(ForumService forum, ForumFigures figures, ZoneId zone, AskedYear years) {
        this.forum = forum;
        this.figures = figures;
        this.zone = zone;
        this.years = years;
    }

    @GetMapping("/api/forum/meetings")
    List<Meeting> meetings() {
        return forum.all();
    }

    @GetMapping({"/api/exports/forum/{id}/attendees.csv", "/dashboard/exports/forum/{id}/attendees.csv"})
    ResponseEntity<String> attendees(@PathVariable String id) {
        if (forum.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Csv csv = new Csv("status", "channel", "person", "email", "district", "registered_at");
        for (Status status : List.of(Status.REGISTERED, Status.WAITLISTED)) {
            for (Registration r : forum.registrations(id, status)) {
                csv.row(status.name().toLowerCase(), r.person().channel(), r.person().address(), r.email(), r.district(),
                        Csv.time(r.registeredAt(), zone));
            }
        }
        return csv.response(id + "-attendees.csv");
    }

    @GetMapping({"/api/exports/forum/{id}/agenda.csv", "/dashboard/exports/forum/{id}/agenda.csv"})
    ResponseEntity<String> agenda(@PathVariable String id) {
        if (forum.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Csv csv = new Csv("kind", "proposal", "district", "status");
        for (Status status : List.of(Status.REGISTERED, Status.WAITLISTED)) {
            for (Registration r : forum.registrations(id, status)) {
                if (r.proposal() != null) {
                    csv.row(r.proposal().kind(), r.proposal().text(), r.district(), status.name().toLowerCase());
                }
            }
        }
        return csv.response(id + "-agenda.csv");
    }

    /**
     * Registered attendance per district and year (people registered when the meeting took place), for the annual report:
     * every year, or the one asked for within {@link AskedYear}'s rule.
     */
    @GetMapping({"/api/exports/forum-attendance.csv", "/dashboard/exports/forum-attendance.csv"})
    ResponseEntity<String> attendance(@RequestParam(required = false) String year) {
        Integer asked = years.orNone(year);
        Csv csv = new Csv("year", "district", "registrations");
        figures.registeredPerDistrict(asked).forEach((y, districts) -> districts.forEach((district, n) ->
                csv.row(Integer.toString(y), district, Integer.toString(n))));
        return csv.response(Csv.fileName("forum-attendance", asked));
    }

}
