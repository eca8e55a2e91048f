package se.foubot.knowledgegaps.slack;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.AppHomeSection;
import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.knowledgegaps.GapEntry;
import se.foubot.knowledgegaps.GapTexts;
import se.foubot.knowledgegaps.KnowledgeGapService;
import se.foubot.knowledgegaps.Round;
import se.foubot.messaging.Recipient;

/**
 * The inventory's part of App Home, while a round the person may answer takes answers: its deadline, how to answer,
 * and what they have sent to it.
 */
@Component
@ConditionalOnSlack
class KnowledgeGapHome implements AppHomeSection {

    private static final int SHOWN_TEXT = 150;

    private final KnowledgeGapService service;
    private final GapTexts texts;
    private final ConversationEngine engine;

    KnowledgeGapHome(KnowledgeGapService service, GapTexts texts, ConversationEngine engine) {
        this.service = service;
        this.texts = texts;
        this.engine = engine;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<LayoutBlock> blocks(String user) {
        Recipient person = Recipient.slack(user);
        List<LayoutBlock> blocks = new ArrayList<>();
        List<Round> rounds = service.roundsFor(person);
        Language language = rounds.isEmpty() ? Language.SV : engine.standing(new ConversationKey(Recipient.SLACK, user)).language();
        for (Round round : rounds) {
            blocks.add(header(h -> h.text(plainText(texts.get(language, "knowledgegaps.home.title", "year", GapTexts.roundName(round))))));
            String open = texts.get(language, "knowledgegaps.home.open", "round", round.id(), "deadline", GapTexts.date(round.deadline(), language))
                    + "\n" + texts.get(language, "knowledgegaps.home.how");
            blocks.add(section(s -> s.text(markdownText(SlackText.escape(open)))));
            List<GapEntry> mine = service.entriesBy(round.id(), person);
            StringBuilder b = new StringBuilder(texts.get(language, mine.isEmpty() ? "knowledgegaps.home.none" : "knowledgegaps.home.yours"));
            for (GapEntry e : mine) {
                b.append("\n• ").append(e.id()).append(" · ").append(texts.theme(e, language)).append(" · ")
                        .append(texts.district(e.district(), language)).append(": ").append(GapTexts.shortText(e.text(), SHOWN_TEXT));
            }
            blocks.add(section(s -> s.text(markdownText(SlackText.escape(b.toString())))));
        }
        return blocks;
    }
}
