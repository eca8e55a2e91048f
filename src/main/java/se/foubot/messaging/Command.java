package se.foubot.messaging;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A command a person may write in any channel — a Slack DM or {@code /fou}, the terminal, a mail — such as
 * "status", "forum", "anmäl forum-2027-03-10", "bevakning LUM". A feature registers one by making it a bean; the
 * {@link CommandTable} asks each in turn before a message goes to a conversation (or, in mail, to the intake), and
 * builds "hjälp" from their {@link #usage()}.
 */
@FunctionalInterface
public interface Command {

    /**
     * One line of the generated help: what to write ("bevakning [LUM|MUL]") and the text key of what it does.
     * {@code order} places it in the list (smaller first).
     *
     * @param english what to write in English ("register ID"), words the command takes as well; null: {@code words}
     *                in every language
     */
    record Usage(String words, String textKey, int order, Set<String> channels, Roles.Role who, String english) {

        /** A command that works for everyone in every channel. */
        public Usage(String words, String textKey, int order) {
            this(words, textKey, order, Set.of(), Roles.Role.EVERYONE, null);
        }

        /** @param channels the channels it works in (Recipient's channel names); empty: every channel */
        public Usage {
            channels = Set.copyOf(channels);
        }

        /** The same line, shown only in {@code only} (e.g. Slack: what needs a Slack form or a Slack identity). */
        public Usage in(String... only) {
            return new Usage(words, textKey, order, Set.of(only), who, english);
        }

        /** The same line, shown only to people with {@code role} (they are the only ones it works for). */
        public Usage forRole(Roles.Role role) {
            return new Usage(words, textKey, order, channels, role, english);
        }

        /**
         * The same line, with the words an English speaker is shown ({@code englishWords}, which the command must take
         * too): the help in English named the Swedish words before.
         */
        public Usage inEnglish(String englishWords) {
            return new Usage(words, textKey, order, channels, who, englishWords);
        }

        /** What to write, for someone the help speaks {@code language} to. */
        public String words(se.foubot.conversation.Language language) {
            return language == se.foubot.conversation.Language.EN && english != null ? english : words;
        }

        public boolean worksIn(String channel) {
            return channels.isEmpty() || channels.contains(channel);
        }
    }

    /** @return the reply when this message is this command; empty to let others (or the conversation) have it */
    Optional<Reply> handle(Inbound message);

    /**
     * A command that reads any text (the knowledge base's answers) rather than its own words: asked after every
     * other command, and after the other commands had a chance at the text said in other words.
     */
    default boolean readsAnyText() {
        return false;
    }

    /**
     * Whether {@code line} is the value of a button this command put in an earlier reply (a topic, a hand-over): such a
     * click is the command's even in the middle of a conversation, which would otherwise take the value as its answer.
     */
    default boolean ownsButtonValue(String line) {
        return false;
    }

    /** What this command adds to the help; nothing by default. */
    default List<Usage> usage() {
        return List.of();
    }
}
