package se.foubot.forum.slack;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.AppHomeSection;
import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.forum.ForumService;
import se.foubot.forum.ForumTexts;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingList;
import se.foubot.messaging.MessageRouter;

/**
 * The forum's part of App Home: the next few meetings with their buttons, and the others named, in the person's
 * language.
 */
@Component
@ConditionalOnSlack
class ForumHome implements AppHomeSection {

    private static final int SHOWN = 5;

    private final ForumService forum;
    private final MeetingListBlocks meetings;
    private final ForumTexts texts;
    private final MessageRouter router;

    ForumHome(ForumService forum, MeetingListBlocks meetings, ForumTexts texts, MessageRouter router) {
        this.forum = forum;
        this.meetings = meetings;
        this.texts = texts;
        this.router = router;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<LayoutBlock> blocks(String user) {
        List<Meeting> upcoming = forum.upcoming();
        if (upcoming.isEmpty()) {
            return List.of();
        }
        // the conversation's language, as the rest of Slack speaks to the person (helper 122: always Swedish)
        Language l = router.language(new ConversationKey(SlackText.CHANNEL, user));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(texts.text(l, "forum.home.title")))));
        // the nearest few, and a line naming the others and how to register for one (before, they were not mentioned)
        blocks.addAll(meetings.blocks(new MeetingList(upcoming, l), user, MeetingListBlocks.roomFor(SHOWN)));
        return blocks;
    }
}
