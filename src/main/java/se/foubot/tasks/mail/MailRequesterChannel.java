package se.foubot.tasks.mail;

import java.util.List;

import org.springframework.stereotype.Component;

import se.foubot.channels.email.Outbox;
import se.foubot.channels.email.OutgoingMail;
import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;
import se.foubot.tasks.RequesterChannel;
import se.foubot.tasks.SupportTask;

/** A requester who asked by mail is told by mail, through the outbox, in their request's thread (once per change). */
@Component
class MailRequesterChannel implements RequesterChannel {

    private final Outbox outbox;
    private final Texts texts;

    MailRequesterChannel(Outbox outbox, Texts texts) {
        this.outbox = outbox;
        this.texts = texts;
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public String analyst(String actorId) {
        return null;
    }

    @Override
    public void tell(SupportTask t, String key, String subject, String text) {
        Language l = t.request().spokenLanguage();
        String root = t.requester().address().get("rootMessageId");
        if ("null".equals(root) || root != null && root.isBlank()) {
            root = null; // a task made before kept a mail's missing Message-ID as the text "null"
        }
        outbox.enqueue(new OutgoingMail(key, t.requester().person(), "[" + t.reference() + "] " + subject,
                texts.letter(l, text),
                root, root == null ? List.of() : List.of(root), "auto-generated", "task:" + t.reference()));
    }
}
