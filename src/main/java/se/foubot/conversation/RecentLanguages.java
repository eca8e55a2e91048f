package se.foubot.conversation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The language of each conversation as this replica last read or wrote it, for words that must not wait for the store:
 * Slack's immediate answer to {@code /fou} ("Jag svarar dig i ett direktmeddelande."), given on the thread that answers
 * Slack. A bounded memory, least recently seen out first: a person not seen here lately, or whose language another
 * replica has just changed, gets the default until their conversation is read here again.
 */
@Component
public class RecentLanguages {

    /** Conversations remembered: a few bytes each, more than the people who write in a day. */
    static final int REMEMBERED = 10_000;

    private final Map<String, Language> byConversation = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Language> eldest) {
            return size() > REMEMBERED;
        }
    };

    void saw(ConversationState state) {
        if (state != null) {
            synchronized (byConversation) {
                byConversation.put(state.id(), state.language());
            }
        }
    }

    /** The language last seen for {@code key}'s conversation on this replica; empty when none was seen. No I/O. */
    public Optional<Language> of(ConversationKey key) {
        synchronized (byConversation) {
            return Optional.ofNullable(byConversation.get(key.id()));
        }
    }
}
