package se.foubot.forum;

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
 * The coordinators' planning words ("forum ny", "forum ändra ID", "forum ställ in ID") where they cannot work — the
 * terminal and mail know no coordinator and show no form: the person is told in one sentence that it is done in
 * Slack. In Slack the forum's Slack side answers them first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ForumPlanningInSlack implements Command {

    private final Texts texts;

    ForumPlanningInSlack(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        if (Recipient.SLACK.equals(m.from().channel()) || m.isMail() && m.thread() != null) {
            return Optional.empty();
        }
        return PlanWords.read(m.isMail() && m.firstLine().isEmpty() ? m.subject() : m.firstLine())
                .map(said -> Reply.text(texts.get(m.language(), "forum.plan.in-slack")));
    }
}
