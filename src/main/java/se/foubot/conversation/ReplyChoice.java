package se.foubot.conversation;

/** A choice a channel may show as a button; {@code value} is what to send back as the answer. */
public record ReplyChoice(String value, String label) {
}
