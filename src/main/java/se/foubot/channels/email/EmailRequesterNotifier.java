package se.foubot.channels.email;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskChanged;
import se.foubot.tasks.TaskEvent;
import se.foubot.tasks.TaskStatus;

/**
 * Tells a requester who asked by email what happens to their request, and puts an analyst's question to
 * them, by mail through the outbox (once per change). A reply threads back to the task.
 */
@Component
class EmailRequesterNotifier {

    private final Outbox outbox;

    EmailRequesterNotifier(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void onTaskChanged(TaskChanged changed) {
        SupportTask t = changed.task();
        if (!EmailRequestProcessor.CHANNEL.equals(t.requester().channel())) {
            return;
        }
        TaskEvent e = changed.event();
        Language l = "en".equals(t.request().language()) ? Language.EN : Language.SV;
        String body = switch (e.kind()) {
            case "claimed" -> l == Language.EN ? "An FoU analyst has taken your request " + t.reference() + " and will contact you."
                    : "En FoU-utredare har tagit din förfrågan " + t.reference() + " och hör av sig till dig.";
            case "status" -> t.status() == TaskStatus.DONE
                    ? (l == Language.EN ? "Your request " + t.reference() + " is done. Thank you for turning to FoU!"
                            : "Din förfrågan " + t.reference() + " är klar. Tack för att du vände dig till FoU!")
                    : (l == Language.EN ? "Your request " + t.reference() + " now has the status: " + t.status().label().en() + "."
                            : "Din förfrågan " + t.reference() + " har fått status: " + t.status().label().sv() + ".");
            case "question" -> (l == Language.EN ? "An FoU analyst has a question about your request " + t.reference()
                    + ":\n\n" + e.detail() + "\n\nPlease answer by replying to this mail."
                    : "En FoU-utredare har en fråga om din förfrågan " + t.reference() + ":\n\n" + e.detail()
                            + "\n\nSvara genom att svara på det här mejlet.");
            default -> null;
        };
        if (body == null) {
            return;
        }
        String subject = "[" + t.reference() + "] " + (l == Language.EN ? (e.kind().equals("question") ? "Question from FoU"
                : "Your request to FoU") : (e.kind().equals("question") ? "Fråga från FoU" : "Din förfrågan till FoU"));
        String root = t.requester().address().get("rootMessageId");
        outbox.enqueue(new OutgoingMail("notice:" + t.reference() + ":" + e.kind() + ":" + e.at().toEpochMilli(),
                t.requester().person(), subject, (l == Language.EN ? "Hello!\n\n" : "Hej!\n\n") + body
                        + (l == Language.EN ? "\n\nBest regards\nThe FoU bot\n" : "\n\nVänliga hälsningar\nFoU-boten\n"),
                root, root == null ? java.util.List.of() : java.util.List.of(root), "auto-generated", "task:" + t.reference()));
    }
}
