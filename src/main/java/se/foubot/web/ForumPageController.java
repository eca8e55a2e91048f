package se.foubot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.foubot.forum.ForumFigures;
import se.foubot.forum.ForumFigures.MeetingFigures;
import se.foubot.forum.Registration;

/** FoU-forum: the year's meetings, who came from which district, and who waits for a seat. */
@Controller
class ForumPageController implements WebPage {

    /** A district's registered people per meeting (same order as the meetings), and in all. */
    record DistrictRow(String district, List<Integer> perMeeting, int total) {
    }

    /** One person waiting: their place in line, district and when they registered. No names. */
    record WaitingRow(int position, String district, java.time.Instant registeredAt) {
    }

    /** A meeting with the people waiting for a seat at it. */
    record Waitlist(MeetingFigures meeting, List<WaitingRow> waiting) {
    }

    private final ForumFigures figures;
    private final Labels labels;

    private final ChartJson json;

    ForumPageController(ChartJson json, ForumFigures figures, Labels labels) {
        this.json = json;
        this.figures = figures;
        this.labels = labels;
    }

    @Override
    public String path() {
        return "/dashboard/forum";
    }

    @Override
    public String title() {
        return "FoU-forum";
    }

    @Override
    public int order() {
        return 20;
    }

    @GetMapping("/dashboard/forum")
    String forum(@RequestParam(required = false) String year, Model model) {
        int thisYear = figures.thisYear();
        int y = Years.pick(year, figures.years(), thisYear);
        model.addAttribute("year", y);
        model.addAttribute("yearNotice", Years.notice(year, y));
        model.addAttribute("years", Years.newestFirst(figures.years()));
        List<MeetingFigures> meetings = figures.meetings(y);
        model.addAttribute("meetings", meetings);

        List<MeetingFigures> held = meetings.stream().filter(m -> !m.meeting().cancelled()).toList();
        model.addAttribute("chartMeetings", held);
        TreeSet<String> districtIds = new TreeSet<>();
        held.forEach(m -> districtIds.addAll(m.registeredByDistrict().keySet()));
        List<DistrictRow> rows = new ArrayList<>();
        for (String d : labels.districtIds()) {
            if (districtIds.remove(d)) {
                rows.add(row(d, held));
            }
        }
        districtIds.forEach(d -> rows.add(row(d, held)));
        model.addAttribute("byDistrict", rows);
        Chart chart = Chart.bars(rows.stream().map(DistrictRow::district).toList(), "anmälda").lying();
        for (int i = 0; i < held.size(); i++) {
            int meeting = i;
            chart.with(held.get(i).meeting().title() + " (" + held.get(i).meeting().id().replace("forum-", "") + ")",
                    rows.stream().map(r -> r.perMeeting().get(meeting)).toList(), Chart.PALETTE.get(i % Chart.PALETTE.size()));
        }
        model.addAttribute("byDistrictChart", json.of(chart.stackedBars()));

        // every meeting to come, whichever year the page shows: a wait for a seat in December is not next year's figure
        List<MeetingFigures> toCome = new ArrayList<>();
        figures.years().tailSet(thisYear).forEach(upcoming -> toCome.addAll(upcoming == y ? meetings : figures.meetings(upcoming)));
        List<Waitlist> waitlists = new ArrayList<>();
        for (MeetingFigures m : toCome) {
            if (m.waitlisted() > 0 && !m.held() && !m.meeting().cancelled()) {
                List<Registration> waiting = figures.waitlist(m.meeting().id());
                List<WaitingRow> w = new ArrayList<>();
                for (int i = 0; i < waiting.size(); i++) {
                    w.add(new WaitingRow(i + 1, labels.district(waiting.get(i).district()), waiting.get(i).registeredAt()));
                }
                waitlists.add(new Waitlist(m, w));
            }
        }
        model.addAttribute("waitlists", waitlists);
        return "web/forum";
    }

    private DistrictRow row(String district, List<MeetingFigures> meetings) {
        List<Integer> counts = meetings.stream().map(m -> m.registeredByDistrict().getOrDefault(district, 0)).toList();
        return new DistrictRow(labels.district(district), counts, counts.stream().mapToInt(Integer::intValue).sum());
    }
}
