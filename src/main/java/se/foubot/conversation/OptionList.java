package se.foubot.conversation;

import java.util.List;

/** A list of choices kept as data ({@code conversation-flows/lists/*.yaml}), e.g. the districts. */
public record OptionList(String id, String file, List<ChoiceOption> options) {
}
