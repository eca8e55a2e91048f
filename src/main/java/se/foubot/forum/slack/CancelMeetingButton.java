package se.foubot.forum.slack;

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

/** {@link CancelMeetingCard} in Slack: one red button under the question; the coordinators plan in Swedish. */
@Component
@ConditionalOnSlack
class CancelMeetingButton implements SlackCardRenderer<CancelMeetingCard> {

    private final Texts texts;

    CancelMeetingButton(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Class<CancelMeetingCard> type() {
        return CancelMeetingCard.class;
    }

    @Override
    public List<LayoutBlock> blocks(CancelMeetingCard card, String viewer) {
        return List.of(actions(a -> a.elements(List.of(button(b -> b.actionId(SlackForum.CANCEL_CONFIRM).value(card.meeting())
                .style("danger").text(plainText(texts.get(Language.SV, "forum.plan.button.cancel"))))))));
    }
}
