package se.foubot.conversation;

import java.util.List;

/** One choice of a choice step; {@code id} is what is stored, {@code aliases} are other names people use. */
public record ChoiceOption(String id, LocalizedText label, List<String> aliases) {
}
