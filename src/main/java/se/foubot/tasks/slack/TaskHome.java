package se.foubot.tasks.slack;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.AppHomeSection;
import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackText;
import se.foubot.channels.slack.StaffDirectory;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.Language;
import se.foubot.messaging.MessageRouter;
import se.foubot.messaging.Texts;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/** The tasks' part of App Home: analysts see their open tasks and the unclaimed ones; district staff their own requests. */
@Component
@ConditionalOnSlack
class TaskHome implements AppHomeSection {

    private static final int MAX_LISTED = 20;

    private final TaskService tasks;
    private final StaffDirectory staff;
    private final FlowCatalog catalog;
    private final Texts texts;
    private final MessageRouter router;

    TaskHome(TaskService tasks, StaffDirectory staff, FlowCatalog catalog, Texts texts, MessageRouter router) {
        this.texts = texts;
        this.router = router;
        this.tasks = tasks;
        this.staff = staff;
        this.catalog = catalog;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<LayoutBlock> blocks(String user) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (staff.isStaff(user)) {
            // the staff's screens speak Swedish
            Language sv = Language.SV;
            blocks.add(header(h -> h.text(plainText(texts.get(sv, "tasks.home.assigned")))));
            list(blocks, tasks.openAssignedTo(user), texts.get(sv, "tasks.home.assigned.none"), sv);
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText(texts.get(sv, "tasks.home.unclaimed")))));
            list(blocks, tasks.unclaimed(), texts.get(sv, "tasks.home.unclaimed.none"), sv);
        } else {
            Language l = router.language(new ConversationKey(SlackText.CHANNEL, user));
            blocks.add(header(h -> h.text(plainText(texts.get(l, "tasks.home.requests")))));
            list(blocks, tasks.byRequester(SlackText.CHANNEL, user), texts.get(l, "tasks.home.requests.none"), l);
        }
        return blocks;
    }

    private void list(List<LayoutBlock> blocks, List<SupportTask> shown, String empty, Language l) {
        if (shown.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("_" + empty + "_"))));
            return;
        }
        var categories = catalog.list("categories").orElseThrow();
        var districts = catalog.list("districts").orElseThrow();
        for (SupportTask t : shown.stream().limit(MAX_LISTED).toList()) {
            blocks.add(section(s -> s.text(markdownText("*" + t.reference() + "* · " + TaskMessage.label(districts,
                    t.request().district()) + " · " + TaskMessage.label(categories, t.category()) + "\n"
                    + SlackText.escape(SlackText.truncate(t.request().concernOnOneLine(), 150)) + "\n_" + t.status().label().in(l)
                    + (t.assignee() != null ? " – " + SlackText.mention(t.assignee()) : "") + "_"))));
        }
    }
}
