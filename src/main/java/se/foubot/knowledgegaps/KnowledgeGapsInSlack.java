package se.foubot.knowledgegaps;

import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import se.foubot.messaging.Command;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Reply;
import se.foubot.messaging.Texts;

/**
 * The words that run the inventory ("kunskapsluckor ny", "… stäng ID", "… lägg till FOU-…") where they cannot work —
 * the terminal and mail know no coordinator or analyst and show no form: the person is told in one sentence that it
 * is done in Slack. In Slack the inventory's Slack side answers them first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class KnowledgeGapsInSlack implements Command {

    private final Texts texts;

    KnowledgeGapsInSlack(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        if (Recipient.SLACK.equals(m.from().channel()) || m.isMail() && m.thread() != null) {
            return Optional.empty();
        }
        return CoordinationWords.read(m.isMail() && m.firstLine().isEmpty() ? m.subject() : m.firstLine())
                .map(said -> Reply.text(texts.get(m.language(), "knowledgegaps.in-slack")));
    }
}
