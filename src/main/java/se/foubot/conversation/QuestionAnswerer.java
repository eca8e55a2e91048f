package se.foubot.conversation;

import java.util.Optional;

/**
 * Answers a free question outside any flow ("när stänger ansökan?") from a feature's data. Asked before the
 * flows' triggers; answer only what you recognise for certain, so that anything else reaches the flows.
 */
public interface QuestionAnswerer {

    Optional<String> answer(String text, Language language);
}
