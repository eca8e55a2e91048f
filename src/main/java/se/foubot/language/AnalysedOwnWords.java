package se.foubot.language;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
    private static final String ASKING = "hej hejsan hallå tjena god morgon dag eftermiddag kväll fou fou-enheten enheten ni er vill "
            + "vilja ville göra gör ny nytt nya ärende ärendet förfrågan fråga frågor skicka lägga in tack snälla gärna undrar undra "
            + "få kan kunna så mycket "
            + "hello hi hey dear good morning afternoon evening want wants make new request question send submit thanks thank "
            + "please ask like would could very much many";
    /**
     * A sign-off and what follows it (a name, a title, a district): no words of the request (helper 104: "… vänliga
     * hälsningar Anna" and "Best regards, John Smith" were counted as three words of their own).
     */
    private static final Pattern SIGN_OFF = Pattern.compile("(?isU)\\b(mvh|med vänlig(a)? hälsning(ar)?|vänlig(a)? hälsning(ar)?"
            + "|hälsningar|hälsning|best regards|kind regards|regards|best wishes|sincerely|yours|cheers)\\b.*$");

    private final TextAnalysis analysis;

    AnalysedOwnWords(TextAnalysis analysis) {
        this.analysis = analysis;
    }

    @Override
    public int count(String text, Language language, Collection<String> besides) {
        Set<String> none = new HashSet<>(analysis.terms(ASKING, language));
        none.addAll(analysis.terms(String.join(" ", besides), language));
        List<String> terms = analysis.terms(SIGN_OFF.matcher(text).replaceFirst(""), language);
        return (int) terms.stream().filter(t -> !none.contains(t)).distinct().count();
    }
}
