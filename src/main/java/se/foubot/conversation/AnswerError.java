package se.foubot.conversation;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why an answer was refused. The key is what a flow file writes under a step's {@code errors:} to give
 * its own text; the texts here are the engine's defaults. {@code {placeholders}} are filled in.
 */
public enum AnswerError {
    TOO_SHORT("too-short", "Svaret är för kort – skriv minst {min} tecken.",
            "That is too short – please write at least {min} characters."),
    TOO_LONG("too-long", "Svaret är för långt – högst {max} tecken, du skrev {length}.",
            "That is too long – at most {max} characters, you wrote {length}."),
    UNKNOWN_CHOICE("unknown-choice", "Jag känner inte igen ”{input}” bland alternativen. Svara med ett nummer eller ett namn från listan.",
            "I don't recognise “{input}” among the choices. Answer with a number or a name from the list."),
    NUMBER_NOT_LISTED("number-not-listed", "Listan har bara {count} alternativ, så ”{input}” finns inte med. Skriv en siffra från 1 till {count}, eller namnet.",
            "The list has only {count} choices, so “{input}” is not on it. Write a number from 1 to {count}, or the name."),
    AMBIGUOUS_CHOICE("ambiguous-choice", "”{input}” passar flera alternativ. Vilket menar du?",
            "“{input}” fits several choices. Which one do you mean?"),
    NOT_YES_NO("not-yes-no", "Svara ja eller nej.", "Please answer yes or no."),
    DATE_FORMAT("date-format", "Jag förstod inte datumet ”{input}”. Skriv till exempel 12 mars, 12/3 eller 2027-03-12.",
            "I couldn't read the date “{input}”. Write for example 12 March, 12/3 or 2027-03-12."),
    INVALID_DATE("invalid-date", "”{input}” är inget giltigt datum.", "“{input}” is not a valid date."),
    DATE_IN_PAST("date-in-past", "Det datumet har redan passerat ({date}). Ange ett datum från och med i dag.",
            "That date has already passed ({date}). Please give a date from today on."),
    EMAIL_FORMAT("email-format", "Det ser inte ut som en e-postadress. Skriv till exempel namn.efternamn@stockholm.se.",
            "That doesn't look like an email address. Write for example first.last@stockholm.se."),
    NUMBER_FORMAT("number-format", "Svara med ett tal, till exempel 3.", "Please answer with a number, for example 3."),
    NUMBER_TOO_SMALL("number-too-small", "Talet måste vara minst {min}.", "The number must be at least {min}."),
    NUMBER_TOO_LARGE("number-too-large", "Talet får vara högst {max}.", "The number can be at most {max}."),
    EMPTY("empty", "Jag behöver ett svar här.", "I need an answer here.");

    public static final Set<String> KEYS = Arrays.stream(values()).map(AnswerError::key).collect(Collectors.toUnmodifiableSet());

    private final String key;
    private final LocalizedText defaultText;

    AnswerError(String key, String sv, String en) {
        this.key = key;
        this.defaultText = new LocalizedText(sv, en);
    }

    public String key() {
        return key;
    }

    public LocalizedText defaultText() {
        return defaultText;
    }
}
