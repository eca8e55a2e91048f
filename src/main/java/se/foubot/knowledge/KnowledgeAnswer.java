package se.foubot.knowledge;

import java.util.List;

/** What the knowledge base makes of a question. */
public sealed interface KnowledgeAnswer permits KnowledgeAnswer.Confident, KnowledgeAnswer.Unsure, KnowledgeAnswer.NoMatch {

    /** Sure enough to answer: the topic, its answer (dates and amounts filled in) and where it comes from. */
    record Confident(Topic topic, String answer, String source, double confidence) implements KnowledgeAnswer {

        /** The answer followed by its source, as the person reads it. */
        public String text() {
            return answer + "\n" + source;
        }
    }

    /** Something like a known topic, but not sure which: the nearest two or three, best first, to offer. */
    record Unsure(List<Suggestion> nearest) implements KnowledgeAnswer {
    }

    /** Nothing the knowledge base knows about. */
    record NoMatch() implements KnowledgeAnswer {
    }

    /** A topic to offer, with its title in the person's language and how alike (0–1). */
    record Suggestion(String topicId, String title, double similarity) {
    }
}
