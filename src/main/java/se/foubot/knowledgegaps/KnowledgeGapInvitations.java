package se.foubot.knowledgegaps;

import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.messaging.Notice;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;

/**
 * Invites every district when a round opens: a mail to each of its addresses (answers come back in that mail's
 * thread, "knowledge-gaps:{round}:{district}") and a Slack DM to each of its Slack people. Each under a once-only key,
 * so opening events handled twice invite once. Also sends the reminders and the outcomes the same way.
 */
@Component
public class KnowledgeGapInvitations {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeGapInvitations.class);

    /** Who is invited (queued now or before), for the coordinator's confirmation. */
    public record Invited(int districts, int mails, int dms) {
    }

    private final Notifier notifier;
    private final DistrictContacts contacts;
    private final DistrictPeople people;
    private final GapTexts texts;
    private final ConversationEngine engine;
    private final KnowledgeGapService service;

    KnowledgeGapInvitations(Notifier notifier, DistrictContacts contacts, DistrictPeople people, GapTexts texts,
            ConversationEngine engine, KnowledgeGapService service) {
        this.notifier = notifier;
        this.contacts = contacts;
        this.people = people;
        this.texts = texts;
        this.engine = engine;
        this.service = service;
    }

    @EventListener
    void on(KnowledgeGapService.RoundOpened opened) {
        Invited invited = invite(opened.round());
        log.info("event=knowledge_gap_invited round={} districts={} mails={} dms={}", opened.round().id(), invited.districts(),
                invited.mails(), invited.dms());
    }

    /**
     * "Kunskapsluckor och utmaningar 2027 – svara senast …"; a second round of the year names itself ("… 2027
     * (kl-2027-2) – …"), so a district can tell two invitations apart in its inbox (helper 102).
     */
    private String subject(Round round, Language language) {
        String year = round.id().equals("kl-" + round.year()) ? String.valueOf(round.year()) : round.year() + " (" + round.id() + ")";
        return texts.get(language, "knowledgegaps.invite.subject", "year", year, "deadline", GapTexts.date(round.deadline(), language));
    }

    /** Queues the invitations (again: nothing already queued goes twice). */
    public Invited invite(Round round) {
        int mails = 0;
        int dms = 0;
        for (String district : contacts.districts()) {
            int[] sent = toDistrict(round, district, "kg-invite:" + round.id(),
                    (language, d) -> Notice.of(subject(round, language), texts.get(language, "knowledgegaps.invite.mail", "year", round.year(),
                            "deadline", GapTexts.date(round.deadline(), language), "opening",
                            round.openingText() == null ? "" : round.openingText() + "\n\n", "form", texts.form(language))),
                    (language, d) -> Notice.of(subject(round, language), texts.get(language, "knowledgegaps.invite.slack", "year", round.year(),
                            "deadline", GapTexts.date(round.deadline(), language), "opening",
                            round.openingText() == null ? "" : round.openingText())));
            mails += sent[2];
            dms += sent[3];
        }
        return new Invited(contacts.districts().size(), mails, dms);
    }

    /**
     * Queues one notice to each of a district's addresses and Slack people, keyed "{prefix}:{address}".
     * @return how many mails and DMs were queued now, and how many there are to each (queued now or before)
     */
    int[] toDistrict(Round round, String district, String keyPrefix, BiFunction<Language, String, Notice> mail,
            BiFunction<Language, String, Notice> slack) {
        int[] sent = {0, 0, 0, 0};
        String thread = "knowledge-gaps:" + round.id() + ":" + district;
        for (String address : contacts.addresses(district)) {
            if (notifier.send(keyPrefix + ":" + address, Recipient.email(address), mail.apply(Language.SV, district).withThread(thread))) {
                sent[0]++;
            }
            sent[2]++;
        }
        if (notifier.has(Recipient.SLACK)) {
            for (String user : people.slackUsers(district)) {
                // remembered before it is queued, so the answer it asks for finds its round however soon it comes
                service.invited(round, district, Recipient.slack(user));
                Language language = engine.standing(new ConversationKey(Recipient.SLACK, user)).language();
                if (notifier.send(keyPrefix + ":slack:" + user, Recipient.slack(user), slack.apply(language, district))) {
                    sent[1]++;
                }
                sent[3]++;
            }
        }
        return sent;
    }
}
