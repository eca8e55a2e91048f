package se.foubot.tasks.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackCardRenderer;
import se.foubot.channels.slack.SlackText;
import se.foubot.tasks.OwnRequests;

/** "status" in Slack: the person's requests with the analyst who has each. */
@Component
@ConditionalOnSlack
class OwnRequestsBlocks implements SlackCardRenderer<OwnRequests> {

    private static final int MAX_SECTION = 2900;
    private static final int MAX_BLOCKS = 50;

    @Override
    public Class<OwnRequests> type() {
        return OwnRequests.class;
    }

    @Override
    public List<LayoutBlock> blocks(OwnRequests card, String viewer) {
        String lines = card.title() + "\n" + card.tasks().stream().map(t -> "• *" + t.reference() + "* – "
                + SlackText.escape(SlackText.truncate(t.request().concernOnOneLine(), 80)) + " – _" + t.status().label().in(card.language()) + "_"
                + (t.assignee() != null ? " (" + SlackText.mention(t.assignee()) + ")" : ""))
                .collect(Collectors.joining("\n"));
        // a long list takes more than one block rather than losing its last requests
        return SlackText.pieces(lines, MAX_SECTION).stream().limit(MAX_BLOCKS)
                .<LayoutBlock>map(piece -> section(s -> s.text(markdownText(piece)))).toList();
    }
}
