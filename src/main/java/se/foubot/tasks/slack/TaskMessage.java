package se.foubot.tasks.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;

import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.OptionList;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskEvent;
import se.foubot.tasks.TaskStatus;

/** A task as its staff-channel message: the facts, and the buttons for what can be done next. */
final class TaskMessage {

    static final String CLAIM = "task-claim";
    static final String RELEASE = "task-release";
    static final String STATUS = "task-status";
    static final String CATEGORY = "task-category";
    static final String ASK = "task-ask";
    /** The changes an analyst makes: the thread names them first. */
    private static final Set<String> ANALYST_CHANGES = Set.of("claimed", "released", "status", "category", "question");

    private TaskMessage() {
    }

    static String fallbackText(SupportTask t, OptionList categories) {
        return t.reference() + " – " + label(categories, t.category()) + " – " + t.status().label().sv();
    }

    static List<LayoutBlock> blocks(SupportTask t, OptionList categories, OptionList districts) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(t.reference() + (t.request().isQuestion() ? " · Fråga" : "") + " · "
                + label(categories, t.category())))));
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Förvaltning*\n" + label(districts, t.request().district())));
        fields.add(markdownText("*Kategori*\n" + label(categories, t.category())
                + (t.needsTriage() ? " _(sortera manuellt)_" : "")));
        fields.add(markdownText("*Prioritet*\n" + t.priority().label().sv()));
        fields.add(markdownText("*Behövs senast*\n" + (t.request().neededBy() == null ? "–" : se.foubot.conversation.Dates.date(t.request().neededBy(), se.foubot.conversation.Language.SV))));
        fields.add(markdownText("*Beställare*\n" + requester(t)));
        fields.add(markdownText("*Status*\n" + t.status().label().sv() + (t.assignee() != null ? " – " + SlackText.mention(t.assignee()) : "")));
        blocks.add(section(s -> s.fields(fields)));
        blocks.add(section(s -> s.text(markdownText((t.request().isQuestion() ? "*Frågan, som boten inte kunde besvara*\n"
                : "*Vad stödet gäller*\n")
                + SlackText.escape(SlackText.truncate(t.request().concern(), 2800))))));
        if (t.request().initiative() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Utvecklingsarbete: "
                    + SlackText.escape(SlackText.truncate(t.request().initiative(), 300)))))));
        }
        if (!t.attachments().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Bilagor (sparas inte, finns i beställarens mejl): "
                    + SlackText.escape(SlackText.truncate(String.join(", ", t.attachments()), 500)))))));
        }
        blocks.add(actions(a -> a.blockId("task:" + t.reference()).elements(actionsFor(t, categories))));
        return blocks;
    }

    private static List<BlockElement> actionsFor(SupportTask t, OptionList categories) {
        List<BlockElement> elements = new ArrayList<>();
        String ref = t.reference();
        if (t.status() == TaskStatus.NEW) {
            elements.add(button(b -> b.actionId(CLAIM).value(ref).style("primary").text(plainText("Ta uppdraget"))));
        } else {
            if (t.status().open()) {
                elements.add(button(b -> b.actionId(RELEASE).value(ref).text(plainText("Släpp"))));
            }
            List<OptionObject> statuses = new ArrayList<>();
            for (TaskStatus s : List.of(TaskStatus.IN_PROGRESS, TaskStatus.WAITING, TaskStatus.DONE)) {
                statuses.add(option(plainText(s.label().sv()), ref + "|" + s.name()));
            }
            elements.add(staticSelect(s -> s.actionId(STATUS).placeholder(plainText("Sätt status")).options(statuses)));
            elements.add(button(b -> b.actionId(ASK).value(ref).text(plainText("Fråga beställaren"))));
        }
        List<OptionObject> cats = new ArrayList<>();
        categories.options().forEach(o -> cats.add(option(plainText(SlackText.truncate(o.label().sv(), 75)), ref + "|" + o.id())));
        elements.add(staticSelect(s -> s.actionId(CATEGORY).placeholder(plainText("Ändra kategori")).options(cats)));
        return elements;
    }

    static String requester(SupportTask t) {
        String contact = t.request().contactEmail() == null ? "" : " (" + t.request().contactEmail() + ")";
        // an anonymised task's requester is no Slack user any more
        return SlackText.CHANNEL.equals(t.requester().channel()) && !SupportTask.ANONYMISED.equals(t.requester().person())
                ? SlackText.mention(t.requester().person()) + contact
                : SlackText.escape(t.requester().person()) + contact;
    }

    static String label(OptionList list, String id) {
        if (id == null) {
            return "–";
        }
        return list.options().stream().filter(o -> o.id().equals(id)).findFirst().map(o -> o.label().sv()).orElse(id);
    }

    /** The line a change writes into the task's thread: "@Anna tog uppdraget" (history keeps the id and the words apart). */
    static String threadLine(TaskEvent event) {
        // history recorded before the mention moved to this edge has it in its words already
        if (ANALYST_CHANGES.contains(event.kind()) && !event.text().startsWith("<@")) {
            return SlackText.mention(event.actor()) + " " + event.text();
        }
        return event.text();
    }
}
