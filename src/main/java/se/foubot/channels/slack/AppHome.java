package se.foubot.channels.slack;

import static com.slack.api.model.block.Blocks.divider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;

import se.foubot.conversation.ConversationKey;
import se.foubot.messaging.CommandTable;
import se.foubot.messaging.MessageRouter;

/** The App Home tab: each feature's section for the person (their tasks, the coming meetings), then the commands. */
@Component
@ConditionalOnSlack
class AppHome {

    private final SlackApi api;
    private final List<AppHomeSection> sections;
    private final CommandTable commands;
    private final MessageRouter router;
    private final HelpBlocks help;

    AppHome(SlackApi api, List<AppHomeSection> sections, CommandTable commands, MessageRouter router, HelpBlocks help) {
        this.api = api;
        this.sections = sections.stream().sorted(Comparator.comparingInt(AppHomeSection::order)).toList();
        this.commands = commands;
        this.router = router;
        this.help = help;
    }

    void publish(String user) {
        api.publishHome(user, View.builder().type("home").blocks(blocksFor(user)).build());
    }

    List<LayoutBlock> blocksFor(String user) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (AppHomeSection section : sections) {
            List<LayoutBlock> part = section.blocks(user);
            if (!part.isEmpty()) {
                if (!blocks.isEmpty()) {
                    blocks.add(divider());
                }
                blocks.addAll(part);
            }
        }
        blocks.add(divider());
        blocks.addAll(help.blocks(commands.helpCard(se.foubot.messaging.Recipient.slack(user),
                router.language(new ConversationKey(SlackText.CHANNEL, user))).typedAfter("/fou "), user));
        return blocks;
    }
}
