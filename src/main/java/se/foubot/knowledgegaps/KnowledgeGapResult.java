package se.foubot.knowledgegaps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import se.foubot.conversation.ChoiceOption;

/**
 * A round's result for the prioritisation meeting: counts per theme and district, per perspective, kind of help, level,
 * urgency and source, and the groups with their entries and decisions. Served as JSON, as CSV and on the staff web.
 */
@Component
public class KnowledgeGapResult {

    public record Summary(String id, int year, String status, LocalDate deadline, Instant closesAt, Instant openedAt,
            Instant closedAt, Instant outcomesSentAt, int districtsInvited, int districtsAnswered, int entries, int groups,
            int decided) {
    }

    /** One theme: entries per district (district ids, in list order) and in all. */
    public record ThemeRow(String theme, String label, Map<String, Integer> perDistrict, int total) {
    }

    public record EntryView(String id, String district, String districtLabel, String theme, String themeLabel, String ownTheme,
            boolean themeSorted, String perspective, String help, String level, String urgency, String source, String text,
            String groupId, Instant createdAt) {
    }

    public record GroupView(String id, String theme, String themeLabel, boolean confirmed, String decision, Instant decidedAt,
            List<String> districts, List<EntryView> entries) {
    }

    public record Result(Summary round, List<String> districts, List<ThemeRow> themes, Map<String, Integer> perspectives,
            Map<String, Integer> help, Map<String, Integer> levels, Map<String, Integer> urgency, Map<String, Integer> sources,
            List<GroupView> groups) {
    }

    private final KnowledgeGapService service;
    private final DistrictContacts contacts;
    private final GapLists lists;

    KnowledgeGapResult(KnowledgeGapService service, DistrictContacts contacts, GapLists lists) {
        this.service = service;
        this.contacts = contacts;
        this.lists = lists;
    }

    public List<Summary> rounds() {
        return service.rounds().stream().map(this::summary).toList();
    }

    public Summary summary(Round r) {
        List<GapGroup> groups = service.groups(r.id());
        return new Summary(r.id(), r.year(), r.status().name().toLowerCase(), r.deadline(), r.closesAt(), r.openedAt(), r.closedAt(),
                r.outcomesSentAt(), contacts.districts().size(), service.districtsAnswered(r.id()).size(), service.entries(r.id()).size(),
                groups.size(), (int) groups.stream().filter(g -> g.decision() != null).count());
    }

    public Optional<Result> result(String roundId) {
        Optional<Round> round = service.round(roundId);
        if (round.isEmpty()) {
            return Optional.empty();
        }
        List<GapEntry> entries = service.entries(roundId);
        List<String> districts = new ArrayList<>(contacts.districts());
        entries.stream().map(GapEntry::district).filter(d -> d != null && !districts.contains(d)).distinct().forEach(districts::add);
        List<ThemeRow> themes = new ArrayList<>();
        for (ChoiceOption theme : lists.options(GapLists.THEMES)) {
            Map<String, Integer> perDistrict = new LinkedHashMap<>();
            districts.forEach(d -> perDistrict.put(d, 0));
            int total = 0;
            for (GapEntry e : entries) {
                if (theme.id().equals(e.theme())) {
                    total++;
                    if (e.district() != null) {
                        perDistrict.merge(e.district(), 1, Integer::sum);
                    }
                }
            }
            themes.add(new ThemeRow(theme.id(), theme.label().sv(), perDistrict, total));
        }
        Map<String, EntryView> views = new LinkedHashMap<>();
        entries.forEach(e -> views.put(e.id(), view(e)));
        List<GroupView> groups = service.groups(roundId).stream().map(g -> new GroupView(g.id(), g.theme(),
                lists.label(GapLists.THEMES, g.theme()), g.confirmed(), g.decision() == null ? null : g.decision().id(), g.decidedAt(),
                g.districts(), g.entryIds().stream().map(views::get).filter(java.util.Objects::nonNull).toList())).toList();
        return Optional.of(new Result(summary(round.get()), districts, themes, count(entries, GapEntry::perspective),
                count(entries, GapEntry::help), count(entries, GapEntry::level), count(entries, GapEntry::urgency),
                count(entries, e -> e.source().name().toLowerCase()), groups));
    }

    public EntryView view(GapEntry e) {
        return new EntryView(e.id(), e.district(), e.district() == null ? null : lists.label(GapLists.DISTRICTS, e.district()), e.theme(),
                lists.label(GapLists.THEMES, e.theme()), e.ownTheme(), e.themeSorted(), e.perspective(), e.help(), e.level(), e.urgency(),
                e.source().name().toLowerCase(), e.text(), e.groupId(), e.createdAt());
    }

    private static Map<String, Integer> count(List<GapEntry> entries, Function<GapEntry, String> by) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (GapEntry e : entries) {
            out.merge(by.apply(e) == null ? "okänt" : by.apply(e), 1, Integer::sum);
        }
        return out;
    }
}
