package se.foubot.forum.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackCardRenderer;
import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.Language;
import se.foubot.forum.ForumService;
import se.foubot.forum.ForumTexts;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingList;
import se.foubot.forum.Registration;
import se.foubot.messaging.Recipient;

/**
 * Coming meetings in Slack, each with the viewer's own state and Register / Register with a proposal / Cancel, in the
 * card's language (the viewer's). The buttons' values are the meetings' ids whatever the language: the handlers read
 * values, never labels.
 */
@Component
@ConditionalOnSlack
class MeetingListBlocks implements SlackCardRenderer<MeetingList> {

    private final ForumService forum;
    private final ForumTexts texts;

    MeetingListBlocks(ForumService forum, ForumTexts texts) {
        this.forum = forum;
        this.texts = texts;
    }

    @Override
    public Class<MeetingList> type() {
        return MeetingList.class;
    }

    @Override
    public List<LayoutBlock> blocks(MeetingList card, String user) {
        Language l = card.language();
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Meeting m : card.meetings()) {
            Optional<Registration> mine = forum.registration(m.id(), Recipient.slack(user))
                    .filter(r -> r.status() != Registration.Status.CANCELLED);
            String status = mine.map(r -> r.status() == Registration.Status.REGISTERED
                    ? "\n✅ _" + texts.text(l, "forum.list.you-are-registered") + "_"
                    : "\n⏳ _" + texts.text(l, "forum.list.you-are-waitlisted") + "_").orElse("");
            blocks.add(section(s -> s.text(markdownText("*" + SlackText.escape(m.title()) + "* · `" + m.id() + "`\n"
                    + SlackText.escape(describe(m, texts, l)) + status))));
            if (mine.isEmpty() && texts.closed(m)) {
                // helper 122: a meeting whose registration had closed showed Anmäl mig, which then said "har stängt"
            } else if (mine.isPresent()) {
                blocks.add(actions(b -> b.elements(List.of(button(x -> x.actionId(SlackForum.UNREGISTER).value(m.id())
                        .text(plainText(texts.text(l, "forum.button.unregister"))))))));
            } else {
                blocks.add(actions(b -> b.elements(List.of(
                        button(x -> x.actionId(SlackForum.REGISTER).value(m.id()).style("primary").text(plainText(texts.text(l, "forum.button.register")))),
                        button(x -> x.actionId(SlackForum.PROPOSE).value(m.id()).text(plainText(texts.text(l, "forum.button.register-with-proposal"))))))));
            }
            blocks.add(divider());
        }
        return blocks;
    }

    /** The meeting on a line or two, in Slack, in {@code l}. */
    static String describe(Meeting m, ForumTexts texts, Language l) {
        return texts.when(m, l) + " · " + m.place() + " · " + texts.seats(m, l) + (texts.closed(m) ? " · " + texts.registration(m, l) : "")
                + (m.agenda() != null ? "\n" + texts.text(l, "forum.describe.agenda", "agenda", m.agenda()) : "");
    }
}
