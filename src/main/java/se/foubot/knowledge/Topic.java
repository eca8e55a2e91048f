package se.foubot.knowledge;

import java.util.List;
import java.util.Map;

import se.foubot.conversation.Language;
import se.foubot.conversation.LocalizedText;

/**
 * One topic of the knowledge base ({@code conversation-flows/knowledge/<id>.yaml}): how people ask about it, the
 * answer with its placeholders, the documents it is written from and the year it holds for.
 */
public record Topic(String id, String file, LocalizedText title, Map<Language, List<String>> questions, LocalizedText answer,
        List<KnowledgeSource> sources, int year) {

    public String title(Language language) {
        return title.in(language);
    }
}
