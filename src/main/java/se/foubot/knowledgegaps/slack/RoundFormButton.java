package se.foubot.knowledgegaps.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackCardRenderer;
import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/** {@link RoundFormCard} in Slack: a button that opens the form (a click gives the trigger id a form needs). */
@Component
@ConditionalOnSlack
class RoundFormButton implements SlackCardRenderer<RoundFormCard> {

    private final Texts texts;

    RoundFormButton(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Class<RoundFormCard> type() {
        return RoundFormCard.class;
    }

    @Override
    public List<LayoutBlock> blocks(RoundFormCard card, String viewer) {
        return List.of(actions(a -> a.elements(List.of(button(b -> b.actionId(SlackKnowledgeGaps.OPEN_FORM).value("new")
                .style("primary").text(plainText(texts.get(Language.SV, "knowledgegaps.slack.button.open"))))))));
    }
}
