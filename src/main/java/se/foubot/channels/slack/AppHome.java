package se.foubot.channels.slack;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;

import se.foubot.conversation.FlowCatalog;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/** The bot's Home tab: analysts see their open tasks and the unclaimed ones; district staff their own requests. */
@Component
@ConditionalOnSlack
class AppHome {

    private static final int MAX_LISTED = 20;

    private final TaskService tasks;
    private final StaffDirectory staff;
    private final SlackApi api;
    private final FlowCatalog catalog;
    private final SlackForum forum;
    private final se.foubot.forum.ForumService meetings;

    AppHome(TaskService tasks, StaffDirectory staff, SlackApi api, FlowCatalog catalog, SlackForum forum,
            se.foubot.forum.ForumService meetings) {
        this.forum = forum;
        this.meetings = meetings;
        this.tasks = tasks;
        this.staff = staff;
        this.api = api;
        this.catalog = catalog;
    }

    void publish(String user) {
        api.publishHome(user, View.builder().type("home").blocks(blocksFor(user)).build());
    }

    List<LayoutBlock> blocksFor(String user) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (staff.isStaff(user)) {
            blocks.add(header(h -> h.text(plainText("Mina pågående uppdrag"))));
            list(blocks, tasks.openAssignedTo(user), "Du har inga pågående uppdrag.");
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText("Ej tagna uppdrag"))));
            list(blocks, tasks.unclaimed(), "Alla uppdrag är tagna.");
        } else {
            blocks.add(header(h -> h.text(plainText("Mina förfrågningar hos FoU"))));
            list(blocks, tasks.byRequester(SlackConversations.CHANNEL, user),
                    "Du har inga förfrågningar ännu. Skriv ”stöd” till mig under Meddelanden för att be om stöd.");
        }
        var upcoming = meetings.upcoming();
        if (!upcoming.isEmpty()) {
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText("Kommande FoU-forum"))));
            blocks.addAll(forum.blocks(user, upcoming.stream().limit(5).toList()));
        }
        blocks.add(divider());
        blocks.add(section(s -> s.text(markdownText(SlackConversations.COMMANDS))));
        return blocks;
    }

    private void list(List<LayoutBlock> blocks, List<SupportTask> shown, String empty) {
        if (shown.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("_" + empty + "_"))));
            return;
        }
        var categories = tasks.categories();
        var districts = catalog.list("districts").orElseThrow();
        for (SupportTask t : shown.stream().limit(MAX_LISTED).toList()) {
            blocks.add(section(s -> s.text(markdownText("*" + t.reference() + "* · " + TaskMessage.label(districts,
                    t.request().district()) + " · " + TaskMessage.label(categories, t.category()) + "\n"
                    + SlackText.escape(SlackText.truncate(t.request().concern(), 150)) + "\n_" + t.status().label().sv()
                    + (t.assignee() != null ? " – <@" + t.assignee() + ">" : "") + "_"))));
        }
    }
}
