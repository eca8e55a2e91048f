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

    /**
     * A letter as the bot writes its mails: greeted ("Hej!"), {@code body}, and signed with the unit's signature
     * ("Vänliga hälsningar / FoU-boten"), in {@code language}. One piece, so every letter is greeted and signed alike.
     */
    public String letter(Language language, String body) {
        return get(language, "mail.hello") + "\n\n" + body + "\n\n" + get(language, "mail.regards") + "\n";
    }

    /**
     * A count as it is written in running text: in Swedish with a non-breaking space between thousands ("1\u00a0000",
     * never broken over two lines), in English with a comma ("1,000"). Years and ids are not counts: pass them as they are.
     */
    public static String count(long n, Language language) {
        if (language == Language.EN) {
            return java.text.NumberFormat.getIntegerInstance(Locale.UK).format(n);
        }
        var symbols = java.text.DecimalFormatSymbols.getInstance(Locale.forLanguageTag("sv"));
        symbols.setGroupingSeparator('\u00a0');
        symbols.setMinusSign('\u2212');
        return new java.text.DecimalFormat("#,##0", symbols).format(n);
    }

    private static Locale locale(Language language) {
        return language == Language.EN ? Locale.ENGLISH : Locale.forLanguageTag("sv");
    }
}
