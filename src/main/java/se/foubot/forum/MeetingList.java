package se.foubot.forum;

import java.util.List;

import se.foubot.conversation.Language;
import se.foubot.messaging.Card;

/**
 * The coming meetings, shown to the viewer's eyes (Slack adds Register / Cancel buttons per meeting), in
 * {@code language}: the viewer's, as the reply's text beside it.
 */
public record MeetingList(List<Meeting> meetings, Language language) implements Card {

    public MeetingList {
        language = language == null ? Language.SV : language;
    }
}
