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

    /**
     * The card in at most {@code room} blocks: what the reply shows above it (a notice) leaves it less than the
     * {@value SlackApi#MAX_BLOCKS} a message takes. A card that can grow long (a list) fits itself here and says what it
     * leaves out; by default the blocks as they are, of which a post keeps the first that fit.
     */
    default List<LayoutBlock> blocks(C card, String viewer, int room) {
        return blocks(card, viewer);
    }

    /** The message's text beside the blocks (notifications, screen readers); the reply's own text unless changed. */
    default String text(C card, String replyText) {
        return replyText;
    }
}
