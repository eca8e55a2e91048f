package se.foubot.channels.slack;

import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.messaging.Card;
import se.foubot.messaging.Reply;

/** A channel-neutral {@link Reply} as Slack shows it: a feature's card through its renderer, else text and buttons. */
@Component
@ConditionalOnSlack
public class SlackReplies {

    private final SlackApi api;
    private final List<SlackCardRenderer<?>> renderers;

    SlackReplies(SlackApi api, List<SlackCardRenderer<?>> renderers) {
        this.api = api;
        this.renderers = List.copyOf(renderers);
    }

    /** Posts the reply for {@code viewer}. @return the post's ts */
    public String post(String channel, String thread, Reply reply, String viewer) {
        return post(channel, thread, reply, viewer, null);
    }

    /** As above, marked as the answer to the work {@code answering} (see {@link SlackApi#answeredIn}). */
    String post(String channel, String thread, Reply reply, String viewer, String answering) {
        return api.post(channel, thread, text(reply), blocks(reply, viewer), answering);
    }

    public List<LayoutBlock> blocks(Reply reply, String viewer) {
        if (reply.card() != null) {
            // a notice goes above the card (below), and the whole message must stay within Slack's limit on blocks
            List<LayoutBlock> notice = reply.notice() == null ? List.of() : ReplyBlocks.of(reply.notice(), reply.choices());
            List<LayoutBlock> card = render(reply.card(), viewer, SlackApi.MAX_BLOCKS - notice.size());
            if (!card.isEmpty() && card.get(0) instanceof com.slack.api.model.block.ActionsBlock && !reply.text().isBlank()) {
                // a card of buttons alone: Slack shows a message's blocks and not its text, so the words go above them
                // (helper 104: "Vill du ställa in …?" with its counts was only the notification's text)
                List<LayoutBlock> shown = new java.util.ArrayList<>(ReplyBlocks.of(reply.text(), List.of()));
                shown.addAll(card);
                return shown;
            }
            if (!card.isEmpty() && reply.notice() != null) {
                // the card shows in place of the text, which began with the notice: said above it, with the buttons of
                // the question it may end with
                List<LayoutBlock> shown = new java.util.ArrayList<>(notice);
                shown.addAll(card);
                return shown;
            }
            if (!card.isEmpty()) {
                return card;
            }
        }
        return ReplyBlocks.of(reply.text(), reply.choices());
    }

    @SuppressWarnings("unchecked")
    private <C extends Card> String text(Reply reply) {
        C card = (C) reply.card();
        for (SlackCardRenderer<?> r : renderers) {
            if (card != null && r.type().isInstance(card)) {
                String text = ((SlackCardRenderer<C>) r).text(card, reply.text());
                // a renderer with words of its own leaves the notice out
                return SlackText.escapeKeepingMentions(reply.notice() == null || text.startsWith(reply.notice()) ? text
                        : reply.notice() + "\n\n" + text);
            }
        }
        // as the blocks show it: a notification's text must not turn what a person wrote into a link or an @channel
        return SlackText.escapeKeepingMentions(reply.text());
    }

    @SuppressWarnings("unchecked")
    <C extends Card> List<LayoutBlock> render(C card, String viewer, int room) {
        for (SlackCardRenderer<?> r : renderers) {
            if (r.type().isInstance(card)) {
                return ((SlackCardRenderer<C>) r).blocks(card, viewer, room);
            }
        }
        return List.of();
    }
}
