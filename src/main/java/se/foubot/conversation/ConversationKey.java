package se.foubot.conversation;

/** One conversation per person and channel ("slack", "email", "terminal", …). */
public record ConversationKey(String channel, String person) {

    public ConversationKey {
        if (channel == null || channel.isBlank() || person == null || person.isBlank()) {
            throw new IllegalArgumentException("a conversation needs a channel and a person");
        }
    }

    public String id() {
        return channel + ":" + person;
    }
}
