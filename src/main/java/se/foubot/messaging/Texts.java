package se.foubot.messaging;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;

/**
 * The bot's words, from the message bundles ({@code i18n/<feature>_sv.properties} and {@code _en}): each text has
 * one key, in Swedish and English, and {@code {name}} places filled in by name. One language per person: callers pass
 * the person's language, Swedish when it is unknown.
 */
@Component
public class Texts {

    private final MessageSource source;

    Texts(MessageSource messageSource) {
        this.source = messageSource;
    }

    /** The bundles on the class path, outside Spring (tests, command-line tools). */
    public static Texts fromBundles() {
        return new Texts(new TextBundles().messageSource());
    }

    /**
     * @param key           the text's key
     * @param namesAndValues pairs: a place's name, then its value ({@code "title", meeting.title()})
     */
    public String get(Language language, String key, Object... namesAndValues) {
        String text = source.getMessage(key, null, locale(language));
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            text = text.replace("{" + namesAndValues[i] + "}", value == null ? "" : value.toString());
        }
        return text;
    }

    private static Locale locale(Language language) {
        return language == Language.EN ? Locale.ENGLISH : Locale.forLanguageTag("sv");
    }
}
