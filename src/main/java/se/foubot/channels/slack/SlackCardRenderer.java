package se.foubot.channels.slack;

import java.util.List;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.messaging.Card;

/**
 * How a feature's {@link Card} looks in Slack. A feature's {@code slack} package makes one a bean; the channel uses it
 * for every reply that carries such a card, in a DM, a thread or {@code /fou}.
 */
public interface SlackCardRenderer<C extends Card> {

    Class<C> type();

    /** @param viewer the Slack user who will see it (their own registrations, their buttons) */
    List<LayoutBlock> blocks(C card, String viewer);

    /** The message's text beside the blocks (notifications, screen readers); the reply's own text unless changed. */
    default String text(C card, String replyText) {
        return replyText;
    }
}
