package se.foubot.admin;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskFigures;

/**
 * CSV exports for the annual FoU report: tasks per district, category and status, and the time to claim and to
 * close. Counts and times only: no free text from requests. Served under /api/exports/ (bearer FOUBOT_ADMIN_TOKEN)
 * and, for signed-in staff, under /dashboard/exports/ (the staff web's session). Every year: all of them, or one that
 * {@link AskedYear} allows, as every export's.
 */
@RestController
class ExportController {

    private final TaskFigures figures;
    private final ZoneId zone;
    private final AskedYear years;

    ExportController(TaskFigures figures, ZoneId zone, AskedYear years) {
        this.figures = figures;
        this.zone = zone;
        this.years = years;
    }

    @GetMapping({"/api/exports/tasks.csv", "/dashboard/exports/tasks.csv"})
    ResponseEntity<String> tasksPerDistrictCategoryStatus(@RequestParam(required = false) String year) {
        Integer asked = years.orNone(year);
        Map<String, Integer> counts = new TreeMap<>();
        for (SupportTask t : figures.createdIn(asked)) {
            counts.merge(t.createdAt().atZone(zone).getYear() + "\u0000" + nz(t.request().district()) + "\u0000" + nz(t.category())
                    + "\u0000" + t.status().name().toLowerCase(), 1, Integer::sum);
        }
        Csv csv = new Csv("year", "district", "category", "status", "tasks");
        counts.forEach((k, n) -> {
            String[] p = k.split("\u0000");
            csv.row(p[0], p[1], p[2], p[3], Integer.toString(n));
        });
        return csv.response(Csv.fileName("tasks", asked));
    }

    @GetMapping({"/api/exports/task-times.csv", "/dashboard/exports/task-times.csv"})
    ResponseEntity<String> taskTimes(@RequestParam(required = false) String year) {
        Integer asked = years.orNone(year);
        Csv csv = new Csv("reference", "district", "category", "status", "created_at", "hours_to_claim", "hours_to_close");
        for (SupportTask t : figures.createdIn(asked)) {
            csv.row(t.reference(), t.request().district(), t.category(), t.status().name().toLowerCase(),
                    Csv.time(t.createdAt(), zone), hours(t, t.claimedAt()), hours(t, t.closedAt()));
        }
        return csv.response(Csv.fileName("task-times", asked));
    }

    private static String hours(SupportTask t, java.time.Instant at) {
        return at == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", Duration.between(t.createdAt(), at).toMinutes() / 60.0);
    }

    private static String nz(String s) {
        return Objects.requireNonNullElse(s, TaskFigures.UNKNOWN);
    }
}
