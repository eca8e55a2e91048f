package se.foubot.knowledge;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.foubot.conversation.FlowSource;
import se.foubot.conversation.Language;
import se.foubot.grants.GrantCalendar;
import se.foubot.language.SimilarTexts;
import se.foubot.language.TextAnalysis;

/**
 * Answers questions from the knowledge base kept as data ({@code conversation-flows/knowledge/}, one file per
 * topic). A question is compared, after the language's analysis (stems, compounds, synonyms), with the ways people
 * ask about each topic; sure enough, it answers with the topic's source; less sure, it names the nearest topics;
 * otherwise it has nothing to say. Questions are read in the person's language.
 */
public final class KnowledgeBase {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final int SUGGESTIONS = 3;
    private static final Pattern YEAR = Pattern.compile("\\b(?:19|20)\\d{2}\\b");

    private final List<Topic> topics;
    private final MatchingRules matching;
    private final AnswerPlaceholders placeholders;
    private final Map<Language, SimilarTexts<String>> questions = new EnumMap<>(Language.class);

    KnowledgeBase(List<Topic> topics, MatchingRules matching, TextAnalysis analysis, AnswerPlaceholders placeholders) {
        this.topics = topics;
        this.matching = matching;
        this.placeholders = placeholders;
        for (Language language : Language.values()) {
            List<Map.Entry<String, String>> texts = new ArrayList<>();
            for (Topic t : topics) {
                texts.add(Map.entry(t.id(), t.title(language)));
                t.questions().get(language).forEach(q -> texts.add(Map.entry(t.id(), q)));
            }
            questions.put(language, SimilarTexts.of(analysis, language, texts));
        }
    }

    /** Reads and checks the knowledge base of a flow source; a mistake stops start-up with file, line and reason. */
    public static KnowledgeBase load(FlowSource source, TextAnalysis analysis, GrantCalendar calendar, Clock clock, ZoneId zone) {
        AnswerPlaceholders placeholders = new AnswerPlaceholders(calendar, clock, zone);
        KnowledgeLoader.Loaded loaded = KnowledgeLoader.load(source, placeholders);
        log.info("event=knowledge_loaded topics={}", loaded.topics().stream().map(Topic::id).collect(Collectors.joining(",")));
        return new KnowledgeBase(loaded.topics(), loaded.matching(), analysis, placeholders);
    }

    /** The answer to a question in {@code language}, a few topics to choose from, or nothing. */
    public KnowledgeAnswer answer(String text, Language language) {
        List<SimilarTexts.Match<String>> nearest = questions.get(language).nearest(text, SUGGESTIONS + 1);
        if (nearest.isEmpty() || nearest.get(0).similarity() < matching.unsure()) {
            return new KnowledgeAnswer.NoMatch();
        }
        SimilarTexts.Match<String> best = nearest.get(0);
        double second = nearest.size() > 1 ? nearest.get(1).similarity() : 0;
        if (matching.confident(best.similarity(), second, best.shared()) && !asksAboutAnotherYear(text, topic(best.key()).orElseThrow())) {
            return confident(topic(best.key()).orElseThrow(), language, best.similarity());
        }
        return new KnowledgeAnswer.Unsure(nearest.stream().filter(m -> m.similarity() >= matching.unsure()).limit(SUGGESTIONS)
                .map(m -> new KnowledgeAnswer.Suggestion(m.key(), topic(m.key()).orElseThrow().title(language), m.similarity()))
                .toList());
    }

    /** "Hur många LUM-projekt beviljades 2019?" is not answered by what holds for another year; offer it instead. */
    private static boolean asksAboutAnotherYear(String text, Topic topic) {
        Matcher years = YEAR.matcher(text);
        while (years.find()) {
            if (Integer.parseInt(years.group()) != topic.year()) {
                return true;
            }
        }
        return false;
    }

    /** The answer of a topic the person chose (one of the suggestions). */
    public Optional<KnowledgeAnswer.Confident> answerOf(String topicId, Language language) {
        return topic(topicId).map(t -> confident(t, language, 1.0));
    }

    public List<Topic> topics() {
        return topics;
    }

    public Optional<Topic> topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private KnowledgeAnswer.Confident confident(Topic topic, Language language, double similarity) {
        String cited = topic.sources().stream().map(s -> s.cite(language)).collect(Collectors.joining("; "));
        // an answer that shows the coming call's dates holds for that call, not for the year its rules were written
        int year = placeholders.yearOfDatesShown(topic.answer().in(language)).orElse(topic.year());
        String source = language == Language.EN
                ? "Source: " + cited + ". Holds for " + year + "."
                : "Källa: " + cited + ". Gäller " + year + ".";
        return new KnowledgeAnswer.Confident(topic, placeholders.render(topic.answer().in(language), language), source, similarity);
    }
}
