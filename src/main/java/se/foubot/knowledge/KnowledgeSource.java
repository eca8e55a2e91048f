package se.foubot.knowledge;

import se.foubot.conversation.Language;
import se.foubot.conversation.LocalizedText;

/** A document the answers are written from ({@code rules/knowledge.yaml}): its title, who wrote it and when. */
public record KnowledgeSource(String id, String title, LocalizedText by, int year) {

    String cite(Language language) {
        return title + " (" + by.in(language) + " " + year + ")";
    }
}
