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
import java.util.function.Function;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;

import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.Dates;
import se.foubot.conversation.Language;
import se.foubot.conversation.OptionList;
import se.foubot.messaging.Texts;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskEvent;
import se.foubot.tasks.TaskStatus;

/** A task as its staff-channel message: the facts, and the buttons for what can be done next. */
final class TaskMessage {

    static final String CLAIM = "task-claim";
    static final String RELEASE = "task-release";
    static final String STATUS = "task-status";
    static final String CATEGORY = "task-category";
    /** The statuses the card's menu offers once a task is taken; taking and releasing have buttons of their own. */
    static final List<TaskStatus> SETTABLE_STATUSES = List.of(TaskStatus.IN_PROGRESS, TaskStatus.WAITING, TaskStatus.DONE);
    static final String ASK = "task-ask";
    /** The changes an analyst makes: the thread names them first. */
    private static final Set<String> ANALYST_CHANGES = Set.of("claimed", "released", "status", "category", "question");

    private TaskMessage() {
    }

    static String fallbackText(SupportTask t, OptionList categories) {
        return t.reference() + " – " + label(categories, t.category()) + " – " + t.status().label().sv();
    }

    /** The staff card, in Swedish (the staff's language). */
    static List<LayoutBlock> blocks(SupportTask t, OptionList categories, Texts texts, OptionList districts) {
        Function<String, String> sv = key -> texts.get(Language.SV, key);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(t.reference() + (t.request().isQuestion() ? " · " + sv.apply("tasks.card.question") : "")
                + " · " + label(categories, t.category())))));
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*" + sv.apply("tasks.card.district") + "*\n" + label(districts, t.request().district())));
        fields.add(markdownText("*" + sv.apply("tasks.card.category") + "*\n" + label(categories, t.category())
                + (t.needsTriage() ? " _" + sv.apply("tasks.card.triage") + "_" : "")));
        fields.add(markdownText("*" + sv.apply("tasks.card.priority") + "*\n" + t.priority().label().sv()));
        fields.add(markdownText("*" + sv.apply("tasks.card.needed-by") + "*\n" + (t.request().neededBy() == null ? "–"
                : Dates.date(t.request().neededBy(), Language.SV))));
        fields.add(markdownText("*" + sv.apply("tasks.card.requester") + "*\n" + requester(t)));
        fields.add(markdownText("*" + sv.apply("tasks.card.status") + "*\n" + t.status().label().sv()
                + (t.assignee() != null ? " – " + SlackText.mention(t.assignee()) : "")));
        blocks.add(section(s -> s.fields(fields)));
        blocks.add(section(s -> s.text(markdownText("*" + sv.apply(t.request().isQuestion() ? "tasks.card.unanswered-question"
                : "tasks.card.concern") + "*\n" + SlackText.escapeWithin(t.request().concernShown(), 2800)))));
        if (t.request().initiative() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(texts.get(Language.SV, "tasks.card.initiative", "initiative",
                    SlackText.escape(SlackText.truncate(t.request().initiative(), 300))))))));
        }
        if (!t.attachments().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(texts.get(Language.SV, "tasks.card.attachments", "files",
                    SlackText.escape(SlackText.truncate(String.join(", ", t.attachments()), 500))))))));
        }
        if (t.anonymised()) {
            // retention took its text and requester: every menu would only be refused (helper 115)
            blocks.add(context(c -> c.elements(List.of(markdownText("_" + sv.apply("tasks.card.anonymised") + "_")))));
        } else {
            blocks.add(actions(a -> a.blockId("task:" + t.reference()).elements(actionsFor(t, categories, sv))));
        }
        return blocks;
    }

    private static List<BlockElement> actionsFor(SupportTask t, OptionList categories, Function<String, String> sv) {
        List<BlockElement> elements = new ArrayList<>();
        String ref = t.reference();
        if (t.status() == TaskStatus.NEW) {
            elements.add(button(b -> b.actionId(CLAIM).value(ref).style("primary").text(plainText(sv.apply("tasks.card.claim")))));
        } else {
            if (t.status().open()) {
                elements.add(button(b -> b.actionId(RELEASE).value(ref).text(plainText(sv.apply("tasks.card.release")))));
            }
            List<OptionObject> statuses = new ArrayList<>();
            for (TaskStatus s : SETTABLE_STATUSES) {
                statuses.add(option(plainText(s.label().sv()), ref + "|" + s.name()));
            }
            elements.add(staticSelect(s -> s.actionId(STATUS).placeholder(plainText(sv.apply("tasks.card.set-status"))).options(statuses)));
            elements.add(button(b -> b.actionId(ASK).value(ref).text(plainText(sv.apply("tasks.ask.title")))));
        }
        List<OptionObject> cats = new ArrayList<>();
        categories.options().forEach(o -> cats.add(option(plainText(SlackText.truncate(o.label().sv(), 75)), ref + "|" + o.id())));
        elements.add(staticSelect(s -> s.actionId(CATEGORY).placeholder(plainText(sv.apply("tasks.card.change-category"))).options(cats)));
        return elements;
    }

    static String requester(SupportTask t) {
        String email = t.request().contactEmail();
        // a mail's requester is its address: the same address again beside it says nothing
        String contact = email == null || email.equalsIgnoreCase(t.requester().person()) ? "" : " (" + SlackText.escape(email) + ")";
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

    /**
     * The line a change writes into the task's thread: "@Anna tog uppdraget" (history keeps the id and the words apart).
     * The words are shown as written: a requester's answer or mail holding {@code <!channel>} or a link with a
     * disguised text ({@code <https://…|klicka>}) must not notify the channel or hide where the link goes.
     */
    static String threadLine(TaskEvent event) {
        boolean byAnalyst = ANALYST_CHANGES.contains(event.kind());
        if (byAnalyst && event.text().startsWith("<@")) {
            return event.text(); // recorded before the mention moved to this edge: its words hold it already
        }
        String words = SlackText.escape(event.text());
        return byAnalyst ? SlackText.mention(event.actor()) + " " + words : words;
    }
}
