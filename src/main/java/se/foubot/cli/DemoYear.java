package se.foubot.cli;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import se.foubot.messaging.Recipient;
import se.foubot.forum.ForumService;
import se.foubot.forum.MeetingPlan;
import se.foubot.forum.Registration.AgendaProposal;
import se.foubot.grants.GrantSubscriptions;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.scheduling.ReminderSource;
import se.foubot.tasks.Requester;
import se.foubot.tasks.StaffPost;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskStatus;
import se.foubot.tasks.slack.StaffPosts;
import se.foubot.time.WorkingDays;

/**
 * A realistic year for an empty store: a few hundred support requests from the districts, claimed and closed the way
 * the analysts work, three FoU-forum meetings with registrations, cancellations and a waitlist, LUM/MUL subscribers
 * and the reminders they got. Everything goes through the features' own services while the bot's clock walks through
 * the year, so the tasks have their real references, histories and audit lines, the meetings their seats, and the
 * reminders their once-only keys, exactly as if the year had happened.
 */
public final class DemoYear {

    /** What was made. */
    public record Summary(int requests, int open, int meetings, int registrations, int subscribers, int remindersQueued) {
    }

    /** The services the year is written through. */
    public record Services(TaskService tasks, StaffPosts staffPosts, ForumService forum, GrantSubscriptions subscriptions, List<ReminderSource> reminders,
            WorkingDays workingDays, OutsideTextGuard guard, ZoneId zone) {
    }

    private static final String STAFF_CHANNEL = "C0DEMOSTAFF";
    private static final List<String> ANALYSTS = List.of("U0DEMOAN1", "U0DEMOAN2", "U0DEMOAN3", "U0DEMOAN4", "U0DEMOAN5");
    private static final List<String> ROLES = List.of("verksamhetsutvecklare", "verksamhetsutvecklare", "utvecklingsledare", "controller",
            "chef", "annan");
    /** District ids with a weight (bigger districts ask more often). */
    private static final Map<String, Integer> DISTRICTS = Map.ofEntries(Map.entry("bromma", 6), Map.entry("enskede-arsta-vantor", 9),
            Map.entry("farsta", 7), Map.entry("hagersten-alvsjo", 9), Map.entry("hasselby-vallingby", 6), Map.entry("kungsholmen", 4),
            Map.entry("norrmalm", 3), Map.entry("rinkeby-kista", 8), Map.entry("skarholmen", 5), Map.entry("skarpnack", 6),
            Map.entry("spanga-tensta", 7), Map.entry("sodermalm", 7), Map.entry("ostermalm", 3), Map.entry("socialforvaltningen", 4));
    private static final Map<String, Integer> CATEGORIES = Map.of("uppfoljning", 24, "analys", 17, "utvardering", 14, "kunskapsluckor", 10,
            "implementering", 10, "ansokan", 11, "larosaten", 5, "vet-inte", 7);
    private static final Map<String, List<String>> CONCERNS = Map.of(
            "uppfoljning", List.of(
                    "Vi behöver en uppföljningsmall för vårt nya arbetssätt i försörjningsstödet, med några få indikatorer som enheterna kan rapportera varje kvartal.",
                    "Stöd att ta fram indikatorer för uppföljning av den öppna förskolans familjestöd.",
                    "Vi vill följa upp hur de nya samverkansrutinerna med skolan fungerar och behöver hjälp med upplägget.",
                    "Hjälp att göra om vår månadsrapport så att den följer upp målen i verksamhetsplanen i stället för bara volymer."),
            "analys", List.of(
                    "Stöd att analysera resultaten av vår brukarenkät inom individ- och familjeomsorgen och att ta fram förbättringsområden.",
                    "Processtöd för att analysera och använda resultaten från den systematiska uppföljningen på våra boenden.",
                    "Vi har tre års uppföljningsdata från fältassistenterna och behöver hjälp att se mönster och dra slutsatser."),
            "utvardering", List.of(
                    "Vi behöver en utvärderingsplan för vårt projekt med tidiga insatser för unga innan det startar i höst.",
                    "Hjälp att utforma en enkel utvärdering av gruppverksamheten för föräldrar.",
                    "Stöd att välja utvärderingsdesign för ett nytt arbetssätt inom ekonomiskt bistånd."),
            "kunskapsluckor", List.of(
                    "Vi vill inventera kunskapsluckor hos medarbetarna i barn och unga för att kunna utforma en skräddarsydd utbildning.",
                    "Stöd att kartlägga vilka kunskapsbehov som finns kring samsjuklighet i vuxenenheten."),
            "implementering", List.of(
                    "Hjälp att planera implementeringen av en evidensbaserad metod för föräldrastöd i hela förvaltningen.",
                    "Vi ska införa ett strukturerat bedömningsinstrument och vill ha stöd med en implementeringsplan."),
            "ansokan", List.of(
                    "Vi ska söka LUM för ett projekt om tidiga insatser och behöver hjälp med förändringsteorin.",
                    "Stöd med uppföljningsplanen i vår LUM-ansökan inför att utlysningen stänger.",
                    "Vi funderar på en MUL-ansökan för en studieresa om samverkan kring våld i nära relationer."),
            "larosaten", List.of(
                    "Vi vill samarbeta med ett lärosäte om följeforskning i vår verksamhet och undrar hur vi går till väga.",
                    "Hjälp att hitta en forskare som kan vara referensperson för vårt utvecklingsarbete."),
            "vet-inte", List.of(
                    "Vi vill veta om vårt nya arbetssätt med hembesök gör skillnad och hur vi kan mäta det över tid.",
                    "Vi har många idéer om utveckling men vet inte var vi ska börja, kan någon hjälpa oss att prioritera?",
                    "Hur kan vi använda statistiken från verksamhetssystemet bättre i ledningsgruppen?"));
    private static final List<String> INITIATIVES = List.of("LUM-projektet Tidiga insatser för unga", "Nytt arbetssätt i försörjningsstödet",
            "Utvecklingsarbete i öppenvården", "Samverkan skola och socialtjänst", "Verksamhetsplanens mål för barn och unga");

    private final Services services;
    private final Consumer<Instant> travel;
    private final Random random = new Random(2023);
    private final List<Step> steps = new ArrayList<>();
    /** The reference each demo request got, by its source key. */
    private final Map<String, String> references = new java.util.LinkedHashMap<>();
    /** The people who come to FoU-forum, each from one district. */
    private final List<Map.Entry<Recipient, String>> forumPeople = new ArrayList<>();
    private Instant now;
    private int registrations;
    private int remindersQueued;

    /** One thing that happens at one moment of the year. */
    private record Step(Instant at, int order, Runnable action) {
    }

    /** @param travel sets the bot's clock to a moment of the year */
    public DemoYear(Services services, Consumer<Instant> travel) {
        this.services = services;
        this.travel = travel;
    }

    /** Writes the twelve months up to {@code now}, then leaves the clock at {@code now}. */
    public Summary write(Instant now) {
        this.now = now;
        ZoneId zone = services.zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusMonths(12).plusDays(1);
        int subscribers = planSubscribers(first, now);
        int requests = planRequests(first, today, now);
        int meetings = planForum(first, today, now);
        planReminders(first.atStartOfDay(zone).toInstant(), now);
        steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order));
        for (Step step : steps) {
            travel.accept(step.at());
            step.action().run();
        }
        travel.accept(now);
        int open = 0;
        for (String reference : references.values()) {
            SupportTask t = services.tasks().find(reference).orElseThrow();
            // as the staff channel would show it: posted, up to date, and raised with the coordinator when long unclaimed
            // (no digest of what it shows: a demo's message was never posted, so the bot's first look updates it)
            services.staffPosts().markShown(reference, t.updatedAt(), null);
            if (t.status() == TaskStatus.NEW) {
                open++;
                if (services.workingDays().between(LocalDate.ofInstant(t.createdAt(), zone), today) >= 2) {
                    services.tasks().markEscalated(reference);
                }
            }
        }
        return new Summary(requests, open, meetings, registrations, subscribers, remindersQueued);
    }

    /** Plans {@code action} at {@code when}; what would happen after now does not happen. */
    private void at(Instant when, int order, Runnable action) {
        if (!when.isAfter(now)) {
            steps.add(new Step(when, order, action));
        }
    }

    // --- LUM and MUL subscribers: most signed up from the start, some during the year, a few stopped

    private int planSubscribers(LocalDate first, Instant now) {
        ZoneId zone = services.zone();
        List<String> districts = new ArrayList<>(DISTRICTS.keySet());
        districts.sort(null);
        int n = 0;
        for (String district : districts) {
            int count = 3 + random.nextInt(4);
            for (int i = 1; i <= count; i++) {
                String address = "kontakt" + i + "." + district + "@stad.example";
                List<String> programmes = random.nextInt(3) == 0 ? List.of("LUM") : random.nextInt(4) == 0 ? List.of("MUL") : List.of("LUM", "MUL");
                Instant when = i <= count - 2 ? first.minusDays(20).atTime(9, 0).atZone(zone).toInstant()
                        : between(first.atStartOfDay(zone).toInstant(), now.minus(Duration.ofDays(3)));
                at(when, 0, () -> services.subscriptions().subscribe("email", address, address, district, programmes, "sv", "demo"));
                if (random.nextInt(12) == 0) {
                    at(between(when.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(60))), 9,
                            () -> services.subscriptions().unsubscribe("email", address));
                }
                n++;
            }
        }
        return n;
    }

    // --- support requests

    private int planRequests(LocalDate first, LocalDate today, Instant now) {
        int n = 0;
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            if (!services.workingDays().isWorkingDay(day)) {
                continue;
            }
            double perDay = 1.3 * switch (day.getMonth()) {
                case JULY -> 0.25;
                case JUNE, AUGUST -> 0.8;
                case DECEMBER -> 0.7;
                default -> 1.0;
            };
            int count = poisson(perDay);
            for (int i = 0; i < count; i++) {
                Instant created = day.atTime(LocalTime.of(8, 0)).plusMinutes(random.nextInt(9 * 60)).atZone(services.zone()).toInstant();
                if (created.isBefore(now.minus(Duration.ofMinutes(30)))) {
                    planRequest(created, day, now, n++);
                }
            }
        }
        return n;
    }

    private void planRequest(Instant created, LocalDate day, Instant now, int number) {
        String district = pick(DISTRICTS);
        String category = day.getMonthValue() >= 8 && day.getMonthValue() <= 9 && random.nextInt(4) == 0 ? "ansokan" : pick(CATEGORIES);
        List<String> texts = CONCERNS.get(category);
        String concern = texts.get(random.nextInt(texts.size()));
        String person = String.format("U0DEMO%s%02d", district.substring(0, 3).toUpperCase(java.util.Locale.ROOT), 1 + random.nextInt(6));
        LocalDate neededBy = random.nextBoolean() ? day.plusDays(14 + random.nextInt(80)) : null;
        SupportRequest request = new SupportRequest(district, ROLES.get(random.nextInt(ROLES.size())), concern,
                random.nextInt(3) == 0 ? INITIATIVES.get(random.nextInt(INITIATIVES.size())) : null, category, neededBy, null, "sv");
        String source = "demo:" + number;
        at(created, 1, () -> {
            SupportTask t = services.tasks().create(source, new Requester(Recipient.SLACK, person, Map.of()), request, List.of());
            services.staffPosts().markPosted(t.reference(), new StaffPost(STAFF_CHANNEL, created.getEpochSecond() + ".000100"), null);
            references.put(source, t.reference());
        });
        // time to claim: median about four hours, a long tail over a couple of days, within working hours
        Instant claimed = workingTime(created.plus(Duration.ofMinutes((long) (60 * Math.exp(Math.log(4) + random.nextGaussian())))));
        // the last few days' requests: some still wait for an analyst, and now and then an older one is overlooked
        Duration waited = Duration.between(created, now);
        boolean unclaimed = waited.compareTo(Duration.ofDays(5)) < 0 ? random.nextInt(10) < 5
                : waited.compareTo(Duration.ofDays(14)) < 0 && random.nextInt(10) == 0;
        if (!claimed.isBefore(now) || unclaimed) {
            return;
        }
        String analyst = ANALYSTS.get(random.nextInt(ANALYSTS.size()));
        at(claimed, 2, () -> claim(source, analyst));
        Instant started = workingTime(claimed.plus(Duration.ofHours(2 + random.nextInt(40))));
        if (random.nextInt(30) == 0 && started.isBefore(now)) {
            // handed back and taken by a colleague
            String other = ANALYSTS.get((ANALYSTS.indexOf(analyst) + 1) % ANALYSTS.size());
            at(started, 3, () -> services.tasks().release(reference(source), analyst));
            at(started.plus(Duration.ofHours(3)), 3, () -> claim(source, other));
            started = started.plus(Duration.ofHours(4));
        }
        if (!started.isBefore(now)) {
            return;
        }
        String by = analyst;
        at(started, 4, () -> services.tasks().setStatus(reference(source), assignee(source, by), TaskStatus.IN_PROGRESS));
        Instant done = workingTime(claimed.plus(Duration.ofMinutes((long) (1440 * Math.exp(Math.log(14) + 0.7 * random.nextGaussian())))));
        if (random.nextInt(5) == 0) {
            Instant waiting = started.plus(Duration.between(started, done).dividedBy(2));
            if (waiting.isBefore(now)) {
                at(waiting, 5, () -> services.tasks().setStatus(reference(source), assignee(source, by), TaskStatus.WAITING));
                Instant back = workingTime(waiting.plus(Duration.ofDays(2 + random.nextInt(5))));
                if (back.isBefore(now) && back.isBefore(done)) {
                    at(back, 5, () -> services.tasks().setStatus(reference(source), assignee(source, by), TaskStatus.IN_PROGRESS));
                }
            }
        }
        if (done.isBefore(now)) {
            at(done, 6, () -> services.tasks().setStatus(reference(source), assignee(source, by), TaskStatus.DONE));
        }
    }

    private void claim(String source, String analyst) {
        services.tasks().claim(reference(source), analyst);
    }

    private String reference(String source) {
        return references.get(source);
    }

    private String assignee(String source, String fallback) {
        return services.tasks().find(reference(source)).map(SupportTask::assignee).orElse(fallback);
    }

    // --- FoU-forum: two meetings held, one to come with a waitlist

    private int planForum(LocalDate first, LocalDate today, Instant now) {
        for (int i = 1; i <= 60; i++) {
            forumPeople.add(Map.entry(Recipient.slack(String.format("U0DEMOFORUM%02d", i)), pick(DISTRICTS)));
        }
        planMeeting(meetingDay(first.plusMonths(3)), "FoU-forum: uppföljning i vardagen", 40, 36, 3, now);
        planMeeting(meetingDay(first.plusMonths(9).plusDays(10)), "FoU-forum: samverkan med lärosäten", 35, 38, 2, now);
        planMeeting(meetingDay(today.plusDays(16)), "FoU-forum: årets kunskapsluckor", 30, 33, 1, now);
        return 3;
    }

    private void planMeeting(LocalDate date, String title, int capacity, int count, int cancellations, Instant now) {
        ZoneId zone = services.zone();
        Instant planned = date.minusWeeks(6).atTime(10, 15).atZone(zone).toInstant();
        Recipient coordinator = Recipient.slack("U0DEMOKOORD");
        // the plan's fields are what a coordinator would type into the form, so they pass the same guard
        OutsideTextGuard guard = services.guard();
        MeetingPlan plan = new MeetingPlan(guard.check(title), date, LocalTime.of(13, 0), LocalTime.of(16, 0),
                guard.check("Socialförvaltningen, konferensrum Ljusgården"), guard.check(null), capacity, date.minusDays(7),
                guard.check("Träff för er som driver eller stöttar utvecklingsarbete i socialtjänsten."),
                guard.check("Goda exempel från förvaltningarna, metodfrågor och insamling av kunskapsluckor."));
        String[] id = new String[1];
        at(planned, 7, () -> id[0] = ((ForumService.Saved) services.forum().create(plan, coordinator)).meeting().id());
        Instant deadline = date.minusDays(7).atTime(16, 0).atZone(zone).toInstant();
        // people register until a couple of days before the deadline (or until now, for a meeting still to come)
        Instant lastRegistration = deadline.minus(Duration.ofDays(2)).isBefore(now) ? deadline.minus(Duration.ofDays(2))
                : now.minus(Duration.ofHours(2));
        List<Map.Entry<Recipient, String>> people = new ArrayList<>(forumPeople);
        java.util.Collections.shuffle(people, random);
        List<Recipient> registered = new ArrayList<>();
        for (Map.Entry<Recipient, String> p : people.subList(0, count)) {
            registered.add(p.getKey());
            AgendaProposal proposal = random.nextInt(5) == 0 ? proposal() : null;
            at(workingTime(between(planned.plus(Duration.ofHours(1)), lastRegistration)), 8, () -> {
                ForumService.RegisterResult result = services.forum().register(id[0], p.getKey(), null, p.getValue(), proposal);
                if (result instanceof ForumService.Seated || result instanceof ForumService.Waitlisted) {
                    registrations++;
                }
            });
        }
        for (int i = 0; i < cancellations; i++) {
            Recipient person = registered.get(random.nextInt(registered.size()));
            Instant when = lastRegistration.plus(Duration.ofHours(1 + i));
            if (when.isBefore(now) && when.isBefore(deadline)) {
                at(when, 9, () -> services.forum().unregister(id[0], person));
            }
        }
    }

    private AgendaProposal proposal() {
        return switch (random.nextInt(3)) {
            case 0 -> new AgendaProposal("example", "Hur vi använder uppföljningsmallen i ekonomiskt bistånd – erfarenheter efter ett år.");
            case 1 -> new AgendaProposal("question", "Hur gör andra förvaltningar med samtycke när vi vill intervjua brukare?");
            default -> new AgendaProposal("gap", "Kunskap om vad som fungerar för unga vuxna med samsjuklighet.");
        };
    }

    /** A Tuesday, Wednesday or Thursday that is a working day, on or after {@code from}. */
    private LocalDate meetingDay(LocalDate from) {
        LocalDate d = from;
        while (!services.workingDays().isWorkingDay(d) || !List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)
                .contains(d.getDayOfWeek())) {
            d = d.plusDays(1);
        }
        return d;
    }

    // --- reminders: sent when their time came, as the scheduler would

    private void planReminders(Instant from, Instant now) {
        for (ReminderSource source : services.reminders()) {
            for (Instant due : source.dueInstants(from, now)) {
                at(due, 10, () -> remindersQueued += source.sendDue());
            }
        }
    }

    // --- helpers

    /** The next moment within working hours (08–17 on a working day) at or after {@code at}. */
    private Instant workingTime(Instant at) {
        ZonedDateTime t = at.atZone(services.zone());
        if (t.toLocalTime().isAfter(LocalTime.of(17, 0))) {
            t = t.toLocalDate().plusDays(1).atTime(8, 0).plusMinutes(random.nextInt(90)).atZone(services.zone());
        } else if (t.toLocalTime().isBefore(LocalTime.of(8, 0))) {
            t = t.toLocalDate().atTime(8, 0).plusMinutes(random.nextInt(90)).atZone(services.zone());
        }
        while (!services.workingDays().isWorkingDay(t.toLocalDate())) {
            t = t.plusDays(1);
        }
        return t.toInstant();
    }

    private Instant between(Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMinutes());
        return from.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
    }

    private <T> T pick(Map<T, Integer> weights) {
        List<T> keys = new ArrayList<>(weights.keySet());
        keys.sort(Comparator.comparing(Object::toString));
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (T k : keys) {
            r -= weights.get(k);
            if (r < 0) {
                return k;
            }
        }
        return keys.get(keys.size() - 1);
    }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
