package se.foubot.channels.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;

import se.foubot.privacy.GuardedText;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskStatus;

/** What analysts do with a task from its staff-channel message. Only staff may; others are told so. */
@Component
@ConditionalOnSlack
class TaskActions {

    static final String ASK_CALLBACK = "ask-requester";
    static final String ASK_BLOCK = "question";
    static final String ASK_INPUT = "text";

    private final TaskService tasks;
    private final StaffDirectory staff;
    private final SlackApi api;
    private final RequesterQuestions questions;

    TaskActions(TaskService tasks, StaffDirectory staff, SlackApi api, RequesterQuestions questions) {
        this.tasks = tasks;
        this.staff = staff;
        this.api = api;
        this.questions = questions;
    }

    /** @return false (and the user told) when the user is not staff */
    private boolean allowed(String user, String channel) {
        if (staff.isStaff(user)) {
            return true;
        }
        api.ephemeral(channel, user, "Bara FoU-utredare kan ta och ändra uppdrag. (Only FoU analysts can claim or change tasks.)");
        return false;
    }

    void claim(String user, String channel, String reference) {
        if (!allowed(user, channel)) {
            return;
        }
        TaskService.ClaimResult result = tasks.claim(reference, user);
        if (result instanceof TaskService.AlreadyClaimed already) {
            SupportTask t = already.task();
            api.ephemeral(channel, user, t.assignee() == null
                    ? reference + " kan inte tas just nu (status: " + t.status().label().sv() + ")."
                    : reference + " är redan taget av <@" + t.assignee() + ">.");
        } else if (result instanceof TaskService.NoSuchTask) {
            api.ephemeral(channel, user, "Uppdraget " + reference + " finns inte.");
        }
    }

    void release(String user, String channel, String reference) {
        if (allowed(user, channel) && tasks.release(reference, user).isEmpty()) {
            api.ephemeral(channel, user, reference + " är inte taget, så det finns inget att släppa.");
        }
    }

    /** @param value "REFERENCE|STATUS" */
    void setStatus(String user, String channel, String value) {
        String[] parts = value.split("\\|", 2);
        if (allowed(user, channel) && tasks.setStatus(parts[0], user, TaskStatus.valueOf(parts[1])).isEmpty()) {
            api.ephemeral(channel, user, "Ta uppdraget " + parts[0] + " först, sedan kan du sätta status.");
        }
    }

    /** @param value "REFERENCE|CATEGORY" */
    void setCategory(String user, String channel, String value) {
        String[] parts = value.split("\\|", 2);
        if (allowed(user, channel)) {
            tasks.setCategory(parts[0], user, parts[1]);
        }
    }

    void openQuestion(String user, String channel, String reference, String triggerId) {
        if (!allowed(user, channel)) {
            return;
        }
        View modal = View.builder().type("modal").callbackId(ASK_CALLBACK).privateMetadata(reference)
                .title(ViewTitle.builder().type("plain_text").text("Fråga beställaren").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Skicka").build())
                .close(ViewClose.builder().type("plain_text").text("Avbryt").build())
                .blocks(List.of(
                        section(s -> s.text(markdownText("Frågan går till beställaren av *" + reference
                                + "* och svaret kommer tillbaka till uppdragets tråd."))),
                        input(i -> i.blockId(ASK_BLOCK).label(plainText("Fråga"))
                                .element(plainTextInput(p -> p.actionId(ASK_INPUT).multiline(true).maxLength(2000))))))
                .build();
        api.openModal(triggerId, modal);
    }

    void askRequester(String user, String reference, GuardedText question) {
        if (staff.isStaff(user)) {
            questions.ask(reference, user, question);
        }
    }
}
