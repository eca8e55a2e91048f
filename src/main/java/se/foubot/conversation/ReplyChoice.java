package se.foubot.conversation;

/**
 * A choice a channel may show as a button; {@code value} is what to send back as the answer.
 *
 * @param question the question it answers ({@link ConversationState#question()}), so that a button clicked after the
 *                 conversation has moved on is not taken as the answer to a later question; null for a choice any
 *                 moment may take (a topic, a command's own button)
 */
public record ReplyChoice(String value, String label, String question) {

    /**
     * What a click answers when its button names no question: a command's button, or one posted before buttons named
     * their question. In a conversation it is not taken as the answer to the question asked now.
     */
    public static final String NO_QUESTION = "";

    public ReplyChoice(String value, String label) {
        this(value, label, null);
    }

    ReplyChoice answering(String newQuestion) {
        return new ReplyChoice(value, label, newQuestion);
    }
}
