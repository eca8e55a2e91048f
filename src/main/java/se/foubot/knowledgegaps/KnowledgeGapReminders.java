package se.foubot.knowledgegaps;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import se.foubot.deadletter.DeadLetters;
import se.foubot.messaging.Notice;
import se.foubot.scheduling.ReminderSource;
import se.foubot.scheduling.ReminderTimes;
import se.foubot.time.WorkingDays;

/**
 * Reminds the districts that have sent nothing, a configured number of working days (no weekends, no Swedish
 * holidays) before a round's deadline, at the configured time: by mail to their addresses and in Slack to their
 * people. Keyed per round, offset and address in the outboxes, so a run on two replicas, a run twice or a late run
 * reminds each once; an offset whose time has passed is superseded by the next.
 */
@Component
class KnowledgeGapReminders implements ReminderSource {

    static final String NAME = "knowledge-gaps";

    private final KnowledgeGapService service;
    private final KnowledgeGapInvitations invitations;
    private final DistrictContacts contacts;
    private final KnowledgeGapProperties properties;
    private final WorkingDays workingDays;
    private final Clock clock;
    private final ZoneId zone;
    private final GapTexts texts;
    private final DeadLetters deadLetters;

    KnowledgeGapReminders(KnowledgeGapService service, KnowledgeGapInvitations invitations, DistrictContacts contacts,
            KnowledgeGapProperties properties, WorkingDays workingDays, Clock clock, ZoneId zone, GapTexts texts, DeadLetters deadLetters) {
        this.service = service;
        this.invitations = invitations;
        this.contacts = contacts;
        this.properties = properties;
        this.workingDays = workingDays;
        this.clock = clock;
        this.zone = zone;
        this.texts = texts;
        this.deadLetters = deadLetters;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Instant> dueInstants(Instant from, Instant to) {
        return service.openRounds().stream().flatMap(round -> times(round).within(from, to)).toList();
    }

    /**
     * A step due before the round was opened never goes out: a round opened inside the reminder window gets only the
     * steps after its opening (otherwise a start-up catch-up would remind minutes after the invitation, and again at
     * the next step). The scheduler's plan and the sending both read this, so a restart and a running bot agree.
     */
    private ReminderTimes<Integer> times(Round round) {
        ReminderTimes<Integer> times = ReminderTimes.of(properties.reminderWorkingDays(), days -> at(round, days));
        return round.openedAt() == null ? times : times.since(round.openedAt());
    }

    /** When the reminder {@code workingDays} working days before the round's deadline goes out. */
    Instant at(Round round, int days) {
        LocalDate d = round.deadline();
        int counted = 0;
        while (counted < days) {
            d = d.minusDays(1);
            if (workingDays.isWorkingDay(d)) {
                counted++;
            }
        }
        return d.atTime(properties.reminderTime()).atZone(zone).toInstant();
    }

    @Override
    public int sendDue() {
        Instant now = clock.instant();
        int[] queued = {0};
        for (Round round : service.openRounds()) {
            if (!round.takesAnswers(now)) {
                continue;
            }
            times(round).latestDue(now).ifPresent(days ->
                    deadLetters.guard("job:" + NAME, round.id() + ":" + days, () -> queued[0] += remind(round, days)));
        }
        return queued[0];
    }

    private int remind(Round round, int days) {
        Set<String> answered = service.districtsAnswered(round.id());
        int queued = 0;
        for (String district : contacts.districts()) {
            if (answered.contains(district)) {
                continue;
            }
            int[] sent = invitations.toDistrict(round, district, "kg-reminder:" + round.id() + ":" + days,
                    (language, d) -> Notice.of(subject(round, language), texts.get(language, "knowledgegaps.reminder.mail", "year", GapTexts.roundName(round),
                            "district", texts.district(d, language), "deadline", GapTexts.date(round.deadline(), language), "form",
                            texts.form(language))),
                    (language, d) -> Notice.of(subject(round, language), texts.get(language, "knowledgegaps.reminder.slack", "year",
                            GapTexts.roundName(round), "district", texts.district(d, language), "deadline", GapTexts.date(round.deadline(), language))));
            queued += sent[0] + sent[1];
        }
        return queued;
    }

    private String subject(Round round, se.foubot.conversation.Language language) {
        return texts.get(language, "knowledgegaps.reminder.subject", "year", GapTexts.roundName(round), "deadline",
                GapTexts.date(round.deadline(), language));
    }
}
