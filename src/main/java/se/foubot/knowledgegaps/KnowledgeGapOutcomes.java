package se.foubot.knowledgegaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Once every group of a closed round has a decision, tells every district that sent something what became of each
 * of its entries: by mail to its addresses and to whoever answered by mail, in Slack to whoever answered there.
 * Someone who answered for a district the bot does not know them to belong to hears only about their own entries.
 * Once-only keys per round, district and recipient.
 */
@Component
class KnowledgeGapOutcomes {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeGapOutcomes.class);

    private final KnowledgeGapService service;
    private final DistrictContacts contacts;
    private final Notifier notifier;
    private final GapTexts texts;
    private final ConversationEngine engine;
    private final DistrictPeople people;

    KnowledgeGapOutcomes(KnowledgeGapService service, DistrictContacts contacts, Notifier notifier, GapTexts texts,
            ConversationEngine engine, DistrictPeople people) {
        this.service = service;
        this.contacts = contacts;
        this.notifier = notifier;
        this.texts = texts;
        this.engine = engine;
        this.people = people;
    }

    @EventListener
    void on(KnowledgeGapService.AllDecided decided) {
        int queued = tell(decided.round());
        log.info("event=knowledge_gap_outcomes_queued round={} notices={}", decided.round().id(), queued);
    }

    int tell(Round round) {
        Map<String, GapGroup> groupOf = new LinkedHashMap<>();
        service.groups(round.id()).forEach(g -> g.entryIds().forEach(id -> groupOf.put(id, g)));
        Map<String, List<GapEntry>> byDistrict = new LinkedHashMap<>();
        for (GapEntry e : service.entries(round.id())) {
            if (e.district() != null) {
                byDistrict.computeIfAbsent(e.district(), d -> new ArrayList<>()).add(e);
            }
        }
        int queued = 0;
        for (Map.Entry<String, List<GapEntry>> d : byDistrict.entrySet()) {
            String district = d.getKey();
            // each recipient with the entries they are told about: the district's people all of them, others their own
            Map<Recipient, List<GapEntry>> to = new LinkedHashMap<>();
            contacts.addresses(district).forEach(a -> to.put(Recipient.email(a), d.getValue()));
            for (GapEntry e : d.getValue()) {
                if (e.person() == null || !(e.person().isEmail() || Recipient.SLACK.equals(e.person().channel()))) {
                    continue;
                }
                Recipient r = e.person().isEmail() ? Recipient.email(e.person().address().toLowerCase()) : e.person();
                if (to.get(r) == d.getValue()) {
                    continue;
                }
                if (people.districtsOf(r).contains(district)) {
                    to.put(r, d.getValue());
                } else {
                    to.computeIfAbsent(r, x -> new ArrayList<>()).add(e);
                }
            }
            for (Map.Entry<Recipient, List<GapEntry>> t : to.entrySet()) {
                Recipient r = t.getKey();
                Language language = r.isEmail() ? Language.SV : engine.standing(new ConversationKey(r.channel(), r.address())).language();
                Notice notice = Notice.of(texts.get(language, "knowledgegaps.outcome.subject", "year", GapTexts.roundName(round)),
                        text(round, district, t.getValue(), groupOf, language, t.getValue() != d.getValue()))
                        .withThread("knowledge-gaps:" + round.id() + ":" + district);
                if (notifier.has(r.channel()) && notifier.send("kg-outcome:" + round.id() + ":" + district + ":" + r.channel() + ":"
                        + r.address(), r, notice)) {
                    queued++;
                }
            }
        }
        return queued;
    }

    /**
     * The district's entries (or, {@code ownOnly}, the recipient's own), each with its group's decision and how many
     * other districts said the same.
     */
    String text(Round round, String district, List<GapEntry> entries, Map<String, GapGroup> groupOf, Language language, boolean ownOnly) {
        StringBuilder b = new StringBuilder(texts.get(language, ownOnly ? "knowledgegaps.outcome.intro-own" : "knowledgegaps.outcome.intro",
                "district", texts.district(district, language), "year", GapTexts.roundName(round))).append("\n");
        for (GapEntry e : entries) {
            GapGroup g = groupOf.get(e.id());
            String decision = g == null || g.decision() == null ? "–" : texts.get(language, "knowledgegaps.decision." + g.decision().id());
            b.append("\n").append(texts.get(language, "knowledgegaps.outcome.line", "entry", e.id(), "theme", texts.theme(e, language),
                    "text", GapTexts.shortText(e.text(), 120), "decision", decision));
            long others = g == null ? 0 : g.districts().stream().filter(x -> !x.equals(district)).count();
            if (others > 0) {
                b.append(" ").append(texts.count(language, "knowledgegaps.outcome.others", others));
            }
        }
        return b.append("\n\n").append(texts.get(language, "knowledgegaps.outcome.end")).toString();
    }
}
