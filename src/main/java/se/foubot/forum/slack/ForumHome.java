package se.foubot.forum.slack;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.AppHomeSection;
import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.forum.ForumService;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingList;

/** The forum's part of App Home: the next few meetings with their buttons. */
@Component
@ConditionalOnSlack
class ForumHome implements AppHomeSection {

    private static final int SHOWN = 5;

    private final ForumService forum;
    private final MeetingListBlocks meetings;

    ForumHome(ForumService forum, MeetingListBlocks meetings) {
        this.forum = forum;
        this.meetings = meetings;
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
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Kommande FoU-forum"))));
        blocks.addAll(meetings.blocks(new MeetingList(upcoming.stream().limit(SHOWN).toList()), user));
        return blocks;
    }
}
