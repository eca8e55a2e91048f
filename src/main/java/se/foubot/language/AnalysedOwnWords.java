package se.foubot.language;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.conversation.OwnWords;

/**
 * {@link OwnWords} by the shared text analysis: the message's terms (stemmed, without stop words) that are neither a
 * term of the words given nor of a greeting or of asking for something, so "behöver", "behövde" and "behov" of a
 * trigger count alike.
 */
@Component
class AnalysedOwnWords implements OwnWords {

    /** Greetings, and the words of asking that say nothing of what is asked. */
    private static final String ASKING = "hej hejsan hallå tjena god morgon dag fou fou-enheten enheten ni er vill vilja ville göra gör "
            + "ny nytt nya ärende ärendet förfrågan fråga frågor skicka lägga in tack snälla gärna undrar undra få kan kunna "
            + "hello hi dear want wants make new request question send submit thanks thank please ask like would could";

    private final TextAnalysis analysis;

    AnalysedOwnWords(TextAnalysis analysis) {
        this.analysis = analysis;
    }

    @Override
    public int count(String text, Language language, Collection<String> besides) {
        Set<String> none = new HashSet<>(analysis.terms(ASKING, language));
        none.addAll(analysis.terms(String.join(" ", besides), language));
        List<String> terms = analysis.terms(text, language);
        return (int) terms.stream().filter(t -> !none.contains(t)).distinct().count();
    }
}
