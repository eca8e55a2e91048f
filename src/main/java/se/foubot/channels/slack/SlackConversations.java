package se.foubot.channels.slack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import se.foubot.conversation.BotReply;
import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.privacy.GuardedText;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/** District staff talking to the bot in Slack: every message goes to the person's one Slack conversation. */
@Component
@ConditionalOnSlack
class SlackConversations {

    static final String CHANNEL = "slack";
    static final String ADDRESS_CHANNEL = "slackChannel";
    static final String ADDRESS_THREAD = "slackThread";

    private static final Logger log = LoggerFactory.getLogger(SlackConversations.class);

    private final ConversationEngine engine;
    private final SlackApi api;
    private final TaskService tasks;
    private final SlackGrantSubscriptions grantSubscriptions;

    SlackConversations(ConversationEngine engine, SlackApi api, TaskService tasks, SlackGrantSubscriptions grantSubscriptions) {
        this.engine = engine;
        this.api = api;
        this.tasks = tasks;
        this.grantSubscriptions = grantSubscriptions;
    }

    /** A message from {@code user}; the answer goes to {@code channel}, in {@code threadTs} when given. */
    void onMessage(String user, GuardedText text, String channel, String threadTs) {
        onMessage(user, text, channel, threadTs, null);
    }

    /**
     * A message from {@code user}, taken once: done again under the same {@code messageId} (after a crash), the turn is
     * not taken twice and the same answer is posted.
     */
    void onMessage(String user, GuardedText text, String channel, String threadTs, String messageId) {
        Map<String, String> origin = new HashMap<>();
        origin.put(ADDRESS_CHANNEL, channel);
        if (threadTs != null) {
            origin.put(ADDRESS_THREAD, threadTs);
        }
        BotReply reply;
        try {
            reply = engine.handle(key(user), text, origin, messageId);
        } catch (DataAccessException e) {
            log.warn("event=slack_turn_failed user={} reason=\"{}\"", user, e.getMostSpecificCause().getMessage());
            api.post(channel, threadTs, STORE_DOWN, null);
            throw e;
        }
        api.post(channel, threadTs, reply.text(), ReplyBlocks.of(reply));
    }

    /** {@code /fou [text]}: answered in the person's direct messages with the bot. */
    void onCommand(String user, GuardedText text) {
        onCommand(user, text, null);
    }

    /** {@code /fou [text]}; {@code messageId} as for {@link #onMessage(String, GuardedText, String, String, String)}. */
    void onCommand(String user, GuardedText text, String messageId) {
        if (text.identityNumberRemoved()) {
            onMessage(user, text, user, null, messageId);
            return;
        }
        String command = text.textOr("").strip().toLowerCase();
        if (command.equals("bevakning") || command.startsWith("bevakning ")) {
            api.post(user, null, grantSubscriptions.handle(user, command.substring("bevakning".length())), null);
            return;
        }
        switch (command) {
            case "status" -> api.post(user, null, status(user), null);
            case "hjälp", "hjalp", "help" -> api.post(user, null, COMMANDS, null);
            case "" -> {
                BotReply reply = engine.resume(key(user));
                api.post(user, null, reply.text(), ReplyBlocks.of(reply));
            }
            default -> onMessage(user, text, user, null, messageId);
        }
    }

    private String status(String user) {
        List<SupportTask> own = tasks.byRequester(CHANNEL, user);
        if (own.isEmpty()) {
            return "Du har inga förfrågningar hos FoU ännu. Skriv ”stöd” för att be om stöd.\n"
                    + "(You have no requests yet. Write “support request” to ask for support.)";
        }
        return "Dina förfrågningar hos FoU:\n" + own.stream().map(t -> "• *" + t.reference() + "* – "
                + SlackText.escape(SlackText.truncate(t.request().concern(), 80)) + " – _" + t.status().label().sv() + "_"
                + (t.assignee() != null ? " (<@" + t.assignee() + ">)" : ""))
                .collect(Collectors.joining("\n"));
    }

    static ConversationKey key(String user) {
        return new ConversationKey(CHANNEL, user);
    }

    static final String COMMANDS = """
            *Kommandon* (_Commands_)
            • `/fou` – fortsätt där du var, eller se vad jag kan hjälpa till med
            • `/fou ny` – ny stödförfrågan (_new support request_)
            • `/fou status` – dina förfrågningar och deras status (_your requests_)
            • `/fou forum` – kommande FoU-forum: anmäl dig eller avanmäl dig (_FoU-forum meetings_)
            • `/fou bevakning [LUM|MUL]` – påminnelser inför sista dagarna för LUM och MUL; `/fou bevakning av` slutar (_grant reminders_)
            • `/fou hjälp` – den här listan
            Du kan också skriva direkt till mig, eller nämna @fou-bot i en kanal.""";

    static final String STORE_DOWN = "Jag har tekniska problem just nu och kunde inte spara ditt svar – försök igen om en "
            + "liten stund. (I have a technical problem right now; your answer was not saved – please try again shortly.)";

    static String say(Language language, String sv, String en) {
        return language == Language.EN ? en : sv;
    }
}
