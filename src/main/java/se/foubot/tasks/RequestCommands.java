package se.foubot.tasks;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import se.foubot.conversation.TextNormalizer;
import se.foubot.messaging.Command;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Reply;
import se.foubot.messaging.Texts;

/**
 * Support requests from any channel: "status" lists the person's own requests; "ny" starts a new one (the intake
 * conversation takes it, in mail the intake of a new mail).
 */
@Component
class RequestCommands implements Command {

    private static final int CONCERN_SHOWN = 80;

    private final TaskService tasks;
    private final Texts texts;

    RequestCommands(TaskService tasks, Texts texts) {
        this.tasks = tasks;
        this.texts = texts;
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("ny", "tasks.help.new", 10).inEnglish("new"), new Usage("status", "tasks.help.status", 20));
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        if (m.isMail() ? !(m.thread() == null && TextNormalizer.normalize(m.text()).equals("status"))
                : !TextNormalizer.normalize(m.firstLine()).equals("status")) {
            return Optional.empty();
        }
        List<SupportTask> own = tasks.byRequester(m.from().channel(), m.from().address());
        if (own.isEmpty()) {
            return Optional.of(Reply.text(texts.get(m.language(), "tasks.status.none")));
        }
        String title = texts.get(m.language(), "tasks.status.title");
        String text = title + "\n" + own.stream()
                .map(t -> "• " + t.reference() + " – " + shorter(t.request().concernOnOneLine()) + " – " + t.status().label().in(m.language()))
                .collect(Collectors.joining("\n"));
        return Optional.of(Reply.text(text).withCard(new OwnRequests(title, own, m.language())));
    }

    private static String shorter(String text) {
        return text == null || text.length() <= CONCERN_SHOWN ? text : text.substring(0, CONCERN_SHOWN - 1) + "…";
    }
}
