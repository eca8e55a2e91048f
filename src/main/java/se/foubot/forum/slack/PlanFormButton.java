package se.foubot.forum.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackCardRenderer;
import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/** {@link PlanFormCard} in Slack: the answer's text and a button that opens the form (a click gives the trigger id). */
@Component
@ConditionalOnSlack
class PlanFormButton implements SlackCardRenderer<PlanFormCard> {

    private final Texts texts;

    PlanFormButton(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Class<PlanFormCard> type() {
        return PlanFormCard.class;
    }

    @Override
    public List<LayoutBlock> blocks(PlanFormCard card, String viewer) {
        return List.of(actions(a -> a.elements(List.of(button(b -> b.actionId(SlackForum.PLAN_OPEN).value(card.meeting())
                .style("primary").text(plainText(texts.get(Language.SV, "forum.plan.button.open"))))))));
    }
}
