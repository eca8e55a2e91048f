package se.foubot.conversation;

import java.util.Optional;

/**
 * Reads a free answer to a choice step whose options come from a list ({@code options-from}), when it names no
 * option: "enkät" at "Typ av stöd" is most likely follow-up. The engine asks the person to confirm the guess before
 * taking it. A feature that can read its list's options from free text registers one as a bean.
 */
public interface ChoiceGuesser {

    /** The option list this reads ({@code options-from} of a step), e.g. "categories". */
    String list();

    /** The option id {@code text} most likely means; empty when it cannot tell. */
    Optional<String> guess(String text, Language language);
}
