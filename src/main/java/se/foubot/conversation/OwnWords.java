package se.foubot.conversation;

import java.util.Collection;

/**
 * How many words of a message say something of their own: beyond the words that started a flow, a greeting, the
 * words of asking ("vill", "göra", "ny", "förfrågan") and the language's small words. A flow's opening words are kept
 * as an answer only when they say enough ({@link FlowInterpreter}); "Jag vill göra en ny stödförfrågan" says nothing
 * the question would not ask again.
 */
public interface OwnWords {

    /** @param besides words that count for nothing here (the flow's trigger words and commands) */
    int count(String text, Language language, Collection<String> besides);
}
