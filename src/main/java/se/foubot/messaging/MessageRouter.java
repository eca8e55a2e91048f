package se.foubot.messaging;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.privacy.GuardedText;

/**
 * Where a chat message goes (a Slack DM, a mention, {@code /fou}, a terminal line): to the command table when the
 * person is not in the middle of a conversation and the line is a command, otherwise to their conversation. A
 * message that held a personal identity number always goes to the conversation, which refuses it.
 */
@Component
public class MessageRouter {

    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);

    private final CommandTable table;
    private final ConversationEngine engine;
    private final Texts texts;

    MessageRouter(CommandTable table, ConversationEngine engine, Texts texts) {
        this.table = table;
        this.engine = engine;
        this.texts = texts;
    }

    /**
     * @param from   who wrote it, as the channel can write back to them
     * @param origin the channel's address details of this message, handed to a flow's outcome
     */
    public Reply route(ConversationKey key, Recipient from, GuardedText text, Map<String, String> origin) {
        return route(key, from, text, origin, null);
    }

    /**
     * As {@link #route(ConversationKey, Recipient, GuardedText, Map)}, taken once: the same {@code messageId} again
     * (work done again after a crash) gets the answer the conversation gave it, and the turn is not taken twice.
     */
    public Reply route(ConversationKey key, Recipient from, GuardedText text, Map<String, String> origin, String messageId) {
        return route(key, from, text, origin, messageId, null);
    }

    /**
     * As {@link #route(ConversationKey, Recipient, GuardedText, Map, String)}, for a click on one of the bot's answer
     * buttons: {@code answering} is the question it was offered for (see
     * {@link se.foubot.conversation.ReplyChoice#question()}), {@link se.foubot.conversation.ReplyChoice#NO_QUESTION}
     * for a button that names none, null for a typed message.
     */
    public Reply route(ConversationKey key, Recipient from, GuardedText text, Map<String, String> origin, String messageId,
            String answering) {
        if (!text.identityNumberRemoved()) {
            // one read tells whether the line is a command and is where the turn starts from
            ConversationEngine.Look seen = engine.look(key);
            Inbound message = Inbound.chat(from, text.textOr(""), seen.standing().language());
            if (seen.standing().inFlow()) {
                // a button from before the conversation began (a topic, "Fråga en FoU-utredare") is not its answer
                var clicked = table.handleOwnButton(message);
                if (clicked.isPresent()) {
                    log.info("event=command conversation={} command={} in_flow=true", key.id(), clicked.get().command());
                    return stillOpen(key, clicked.get().reply(), seen.standing());
                }
            }
            if (answering != null) {
                // a click: a command's own button (a topic, a hand-over, a knowledge-gap round) is that command's,
                // anywhere; any other answers the question it came with or is told it is too late — its value ("chef",
                // "kunskapsluckor") is never read as words, which would make it a command or a question to the
                // knowledge base
                var own = seen.standing().inFlow() ? java.util.Optional.<CommandTable.Handled>empty() : table.handleOwnButton(message);
                if (own.isPresent()) {
                    log.info("event=command conversation={} command={}", key.id(), own.get().command());
                    return afterExpiry(seen, own.get().reply());
                }
                return Reply.of(engine.handle(seen, text, origin, messageId, answering));
            }
            // a message to someone whose set-aside errand goes on now answers nothing the knowledge base knows
            // (helper 113: "Chef" got the errand's question and a "Menar du …" list beneath it)
            var handled = seen.standing().inFlow() || engine.steersTheConversation(text.textOr("")) ? java.util.Optional.<CommandTable.Handled>empty()
                    : engine.setAsideGoesOn(seen) ? table.handleByName(message) : table.handle(message);
            if (handled.isPresent()) {
                log.info("event=command conversation={} command={}", key.id(), handled.get().command());
                return afterExpiry(seen, handled.get().reply());
            }
            return Reply.of(engine.handle(seen, text, origin, messageId));
        }
        return Reply.of(engine.handle(key, text, origin, messageId));
    }

    /**
     * A slash command ({@code /fou status}): a command of the table even in the middle of a conversation, since the
     * person asked for it by name; anything else goes to the conversation — there a question to the knowledge base
     * too, as in a DM, so that "/fou ändra datum" at the summary changes the date.
     */
    public Reply routeCommand(ConversationKey key, Recipient from, GuardedText text, Map<String, String> origin, String messageId) {
        if (!text.identityNumberRemoved()) {
            ConversationEngine.Look seen = engine.look(key);
            Inbound message = Inbound.chat(from, text.textOr(""), seen.standing().language());
            var handled = seen.standing().inFlow() || engine.steersTheConversation(text.textOr("")) ? table.handleByName(message)
                    : table.handle(message);
            if (handled.isPresent()) {
                log.info("event=command conversation={} command={}", key.id(), handled.get().command());
                // as a command typed in a DM's conversation: said that the conversation still waits
                return seen.standing().inFlow() ? stillOpen(key, handled.get().reply(), seen.standing())
                        : afterExpiry(seen, handled.get().reply());
            }
            return Reply.of(engine.handle(seen, text, origin, messageId));
        }
        return Reply.of(engine.handle(key, text, origin, messageId));
    }

    /**
     * The command's reply, and a word that the conversation it interrupted is still there — or, when what the command
     * did means the conversation can no longer succeed (a question handed over took the last new-task place before the
     * intake's end), that it has ended, and why.
     */
    private Reply stillOpen(ConversationKey key, Reply reply, ConversationEngine.Standing standing) {
        if (reply.isNone() || !reply.choices().isEmpty() || reply.card() != null) {
            return reply;
        }
        // an analyst's question is theirs, not the bot's "last question"
        String still = engine.endIfItCannotSucceed(key).orElseGet(() -> texts.get(standing.language(),
                standing.botsQuestion() ? "question-still-open" : "flow-still-open"));
        return new Reply(reply.text().isBlank() ? still : reply.text() + "\n\n" + still, reply.choices(), reply.thread(),
                reply.needsProof(), reply.card());
    }

    /**
     * A command's (or the knowledge base's) reply to someone whose conversation has lain idle past the timeout: the
     * notice that it ended first, as a message the conversation took would have begun.
     */
    private Reply afterExpiry(ConversationEngine.Look seen, Reply reply) {
        if (reply.isNone()) {
            return reply;
        }
        return engine.endIfExpired(seen).map(reply::after).orElse(reply);
    }

    /** Where the person stands, said as a greeting ({@code /fou} alone, a terminal chat starting). */
    public Reply resume(ConversationKey key) {
        return Reply.of(engine.resume(key));
    }

    /** The person's language when they have a conversation; empty when it is not known. */
    public java.util.Optional<se.foubot.conversation.Language> knownLanguage(ConversationKey key) {
        return engine.knownLanguage(key);
    }

    /** The person's language as their conversation knows it; Swedish when unknown. */
    public se.foubot.conversation.Language language(ConversationKey key) {
        return engine.standing(key).language();
    }
}
