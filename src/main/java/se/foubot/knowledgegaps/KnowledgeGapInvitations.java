package se.foubot.knowledgegaps;

import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.messaging.Notice;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.LogText;

/**
 * Invites every district when a round opens: a mail to each of its addresses (answers come back in that mail's
 * thread, "knowledge-gaps:{round}:{district}") and a Slack DM to each of its Slack people. Each under a once-only key,
 * so opening events handled twice invite once. Also sends the reminders and the outcomes the same way.
 */
@Component
public class KnowledgeGapInvitations {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeGapInvitations.class);

    /**
     * Who is invited (queued now or before), for the coordinator's confirmation: each address and Slack person once,
     * as the notices go (helper 121: someone tied to two districts was counted twice, "133 meddelanden" for 127 sent).
     */
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
     * At start, the invitations of every round that takes answers are queued again; each goes once by its key, so only
     * those a killed process had not queued go now (helper 127: a `kill -9` while a round was opened left three
     * districts uninvited for good, and the opening retried was answered as done).
     */
    @EventListener(ApplicationReadyEvent.class)
    void finishInvitations() {
        try {
            for (Round round : service.roundsTakingAnswers()) {
                Invited queued = invite(round);
                log.info("event=knowledge_gap_invitations_checked round={} districts={} mails={} dms={}", round.id(),
                        queued.districts(), queued.mails(), queued.dms());
            }
        } catch (RuntimeException e) {
            // the store away at start: the next start, or the opening retried, finishes them
            log.warn("event=knowledge_gap_invitations_not_checked reason=\"{}\"", LogText.clean(String.valueOf(e.getMessage())));
        }
    }

    /**
     * "Kunskapsluckor och utmaningar 2027 – svara senast …"; a second round of the year names itself ("… 2027
     * (kl-2027-2) – …"), so a district can tell two invitations apart in its inbox (helper 102).
     */
    private String subject(Round round, Language language) {
        return texts.get(language, "knowledgegaps.invite.subject", "year", GapTexts.roundName(round), "deadline",
                GapTexts.date(round.deadline(), language));
    }

    /** Queues the invitations (again: nothing already queued goes twice). */
    public Invited invite(Round round) {
        java.util.Set<Recipient> invited = new java.util.HashSet<>();
        for (String district : contacts.districts()) {
            toDistrict(round, district, "kg-invite:" + round.id(),
                    (language, d) -> Notice.of(subject(round, language), texts.get(language, "knowledgegaps.invite.mail", "year", GapTexts.roundName(round),
                            "deadline", GapTexts.date(round.deadline(), language), "opening",
                            round.openingText() == null ? "" : round.openingText() + "\n\n", "form", texts.form(language))),
                    (language, d) -> Notice.of(subject(round, language), texts.get(language, "knowledgegaps.invite.slack", "year", GapTexts.roundName(round),
                            "deadline", GapTexts.date(round.deadline(), language), "opening",
                            round.openingText() == null ? "" : round.openingText())), invited);
        }
        return new Invited(contacts.districts().size(), (int) invited.stream().filter(Recipient::isEmail).count(),
                (int) invited.stream().filter(r -> Recipient.SLACK.equals(r.channel())).count());
    }

    /**
     * Queues one notice to each of a district's addresses and Slack people, keyed "{prefix}:{address}" (so someone of
     * two districts gets one), and adds each to {@code to}.
     * @return how many mails and DMs were queued now, and how many there are to each (queued now or before)
     */
    int[] toDistrict(Round round, String district, String keyPrefix, BiFunction<Language, String, Notice> mail,
            BiFunction<Language, String, Notice> slack) {
        return toDistrict(round, district, keyPrefix, mail, slack, new java.util.HashSet<>());
    }

    private int[] toDistrict(Round round, String district, String keyPrefix, BiFunction<Language, String, Notice> mail,
            BiFunction<Language, String, Notice> slack, java.util.Set<Recipient> to) {
        int[] sent = {0, 0, 0, 0};
        String thread = "knowledge-gaps:" + round.id() + ":" + district;
        for (String address : contacts.addresses(district)) {
            if (notifier.send(keyPrefix + ":" + address, Recipient.email(address), mail.apply(Language.SV, district).withThread(thread))) {
                sent[0]++;
            }
            sent[2]++;
            to.add(Recipient.email(address));
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
                to.add(Recipient.slack(user));
            }
        }
        return sent;
    }
}
