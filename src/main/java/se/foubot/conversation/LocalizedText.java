package se.foubot.conversation;

import java.util.Map;

/** A text in Swedish and (optionally) English; English falls back to Swedish when missing. */
public record LocalizedText(String sv, String en) {

    public static LocalizedText of(String sv, String en) {
        return new LocalizedText(sv, en);
    }

    public String in(Language language) {
        return language == Language.EN && en != null && !en.isBlank() ? en : sv;
    }

    /** The text with each {@code {name}} replaced by its value. */
    public String in(Language language, Map<String, String> values) {
        String text = in(language);
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", v.getValue() == null ? "" : v.getValue());
        }
        return text;
    }
}
