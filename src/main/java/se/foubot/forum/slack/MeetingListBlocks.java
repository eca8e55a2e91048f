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
import se.foubot.channels.slack.SlackApi;
import se.foubot.channels.slack.SlackCardRenderer;
import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.Language;
import se.foubot.forum.ForumService;
import se.foubot.forum.ForumTexts;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingList;
import se.foubot.forum.Registration;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Texts;

/**
 * Coming meetings in Slack, each with the viewer's own state and Register / Register with a proposal / Cancel, in the
 * card's language (the viewer's). The buttons' values are the meetings' ids whatever the language: the handlers read
 * values, never labels.
 */
@Component
@ConditionalOnSlack
class MeetingListBlocks implements SlackCardRenderer<MeetingList> {

    /** A meeting's blocks at most: its description, its buttons and a divider. */
    private static final int MOST_PER_MEETING = 3;
    /** A section's text: Slack takes 3 000 characters, and refuses the message with more. */
    private static final int MAX_SECTION = 2900;

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
        return blocks(card, user, SlackApi.MAX_BLOCKS);
    }

    /**
     * The nearest meetings, each with its buttons, as many as fit in {@code room} blocks; when not all do, one block
     * more names the rest (day, title and id) and how to register for one of them by its id. Slack refuses a message
     * of more than {@value SlackApi#MAX_BLOCKS} blocks whole: sixteen coming meetings made the list fail to post.
     */
    @Override
    public List<LayoutBlock> blocks(MeetingList card, String user, int room) {
        List<Meeting> meetings = card.meetings();
        List<LayoutBlock> blocks = new ArrayList<>();
        if (room < 1) {
            return blocks;
        }
        for (int i = 0; i < meetings.size(); i++) {
            List<LayoutBlock> one = meeting(meetings.get(i), card.language(), user);
            // a meeting that is not the last leaves a block for the line about those after it
            boolean last = i == meetings.size() - 1;
            if (blocks.size() + one.size() + (last ? 0 : 1) > room) {
                blocks.add(rest(meetings.subList(i, meetings.size()), card.language()));
                break;
            }
            blocks.addAll(one);
        }
        return blocks;
    }

    /** Room for the first {@code meetings} of a list and the line about the rest. */
    static int roomFor(int meetings) {
        return meetings * MOST_PER_MEETING + 1;
    }

    /** One meeting: its description with the viewer's state, its buttons and a divider. */
    private List<LayoutBlock> meeting(Meeting m, Language l, String user) {
        List<LayoutBlock> blocks = new ArrayList<>();
        Optional<Registration> mine = forum.registration(m.id(), Recipient.slack(user))
                .filter(r -> r.status() != Registration.Status.CANCELLED);
        String status = mine.map(r -> r.status() == Registration.Status.REGISTERED
                ? "\n✅ _" + texts.text(l, "forum.list.you-are-registered") + "_"
                : "\n⏳ _" + texts.text(l, "forum.list.you-are-waitlisted") + "_").orElse("");
        // a section takes 3 000 characters: a long agenda is cut rather than the whole list refused
        blocks.add(section(s -> s.text(markdownText(SlackText.cut("*" + SlackText.escape(m.title()) + "* · `" + m.id() + "`\n"
                + SlackText.escape(describe(m, texts, l)), MAX_SECTION - status.length()) + status))));
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
        return blocks;
    }

    /**
     * The meetings the list has no room for: how many, each on a line (day, title, id) as far as a section holds them,
     * and how to register for one by its id — the words that work in a DM and after {@code /fou}.
     */
    private LayoutBlock rest(List<Meeting> rest, Language l) {
        StringBuilder text = new StringBuilder("*").append(rest.size() == 1 ? texts.text(l, "forum.list.more.one")
                : texts.text(l, "forum.list.more", "count", Texts.count(rest.size(), l))).append("*");
        // the example names one of them that takes registrations; none is named when none does
        String how = rest.stream().filter(forum::takesRegistrations).findFirst()
                .map(m -> "\n" + SlackText.escape(texts.text(l, "forum.list.more.how", "id", m.id()))).orElse("");
        int listed = 0;
        for (Meeting m : rest) {
            String line = "\n• " + texts.date(m, l) + " · " + SlackText.escape(m.title()) + " · `" + m.id() + "`";
            String unlisted = "\n" + texts.text(l, "forum.list.more.unlisted", "count", Texts.count(rest.size() - listed - 1, l));
            if (text.length() + line.length() + unlisted.length() + how.length() > MAX_SECTION) {
                text.append("\n").append(texts.text(l, "forum.list.more.unlisted", "count", Texts.count(rest.size() - listed, l)));
                break;
            }
            text.append(line);
            listed++;
        }
        String shown = text.append(how).toString();
        return section(s -> s.text(markdownText(shown)));
    }

    /** The meeting on a line or two, in Slack, in {@code l}. */
    static String describe(Meeting m, ForumTexts texts, Language l) {
        return texts.when(m, l) + " · " + m.place() + " · " + texts.seats(m, l) + (texts.closed(m) ? " · " + texts.registration(m, l) : "")
                + (m.agenda() != null ? "\n" + texts.text(l, "forum.describe.agenda", "agenda", m.agenda()) : "");
    }
}
