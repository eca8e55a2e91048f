package se.foubot.knowledgegaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import se.foubot.conversation.TextNormalizer;

/**
 * Reads a mail answer to the inventory: the headings of the invitation's form ("Tema:", "Perspektiv:",
 * "Kunskapslucka:", "Vad skulle hjälpa:", "Nivå:", "Brådska:", and "Ändrar: ID" to change an entry), in Swedish or
 * English, in any case, with or without å/ä/ö; the description may go on over several lines. Reading stops where
 * the quoted mail begins. A choice it cannot read is left empty and named, so the sender can complete it.
 */
@Component
class MailAnswerReader {

    /**
     * The answer, the entry it changes (or null), the fields given but not understood ("theme" among them when the
     * theme could not be read and is left to the rules), the headings that are none of the form's, as written, and the
     * form's fields whose headings the mail gave (filled in or not).
     */
    record Read(KnowledgeGapService.Answer answer, String changing, List<String> unreadable, List<String> unknownHeadings,
            java.util.Set<String> given) {

        /**
         * The answer as a change of {@code entry}: a heading the mail left out keeps what the entry says, so "Ändrar:"
         * with only "Brådska:" changes the urgency and nothing else.
         */
        KnowledgeGapService.Answer changing(GapEntry entry) {
            KnowledgeGapService.Answer a = answer;
            boolean theme = given.contains("theme");
            return new KnowledgeGapService.Answer(a.district() != null ? a.district() : entry.district(),
                    theme ? a.theme() : entry.themeSorted() ? null : entry.theme(), theme ? a.ownTheme() : entry.ownTheme(),
                    given.contains("perspective") ? a.perspective() : entry.perspective(), given.contains("text") ? a.text() : entry.text(),
                    given.contains("help") ? a.help() : entry.help(), given.contains("level") ? a.level() : entry.level(),
                    given.contains("urgency") ? a.urgency() : entry.urgency());
        }
    }

    // "Tema:", "*Tema:*", "*Tema*:", "_Tema_:" (bold and italic as mail programs turn them into text)
    private static final Pattern HEADING = Pattern.compile("^\\s*[*_]?([\\p{L} /]{3,40}?)[*_]?\\s*:\\s*[*_]?\\s*(.*)$");
    /** A signature's greeting: the description ends there. */
    private static final Pattern GREETING = Pattern.compile("^(mvh|med vänlig hälsning|vänliga hälsningar|hälsningar|hälsning|"
            + "best regards|kind regards|regards|//).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTE_START = Pattern.compile("^(>|-{3,}|_{5,}|(Från|From|Skickat|Sent|Den .* skrev|On .* wrote).*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTRY_ID = Pattern.compile("(?i)\\bkl-\\d{4}(?:-\\d+)?-\\d{3}\\b");
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("tema", "theme"), Map.entry("theme", "theme"),
            // the form offers "Annat tema" among the themes: written as a heading of its own, it is the theme's
            Map.entry("annat tema", "theme"), Map.entry("eget tema", "theme"), Map.entry("other theme", "theme"),
            Map.entry("perspektiv", "perspective"), Map.entry("perspective", "perspective"), Map.entry("kunskapslucka", "text"),
            Map.entry("lucka", "text"), Map.entry("utmaning", "text"), Map.entry("knowledge gap", "text"), Map.entry("gap", "text"),
            Map.entry("vad skulle hjalpa", "help"), Map.entry("what would help", "help"), Map.entry("kunskap", "help"),
            Map.entry("niva", "level"), Map.entry("level", "level"), Map.entry("bradska", "urgency"), Map.entry("urgency", "urgency"),
            Map.entry("andrar", "change"), Map.entry("andra", "change"), Map.entry("change", "change"), Map.entry("changes", "change"));
    private static final Pattern INVISIBLE_FIRST = Pattern.compile("^[\\p{Cf}\\p{Z}\\s]+");
    /** The form's own hint after "Kunskapslucka:", left in place by someone who wrote below it. */
    private static final String TEXT_HINT = "vad saknas och hur marks det i ert arbete";

    private final GapLists lists;

    MailAnswerReader(GapLists lists) {
        this.lists = lists;
    }

    Read read(String body, String district) {
        Map<String, StringBuilder> values = new LinkedHashMap<>();
        List<String> unknownHeadings = new ArrayList<>();
        String current = null;
        for (String line : (body == null ? "" : body).split("\\R")) {
            if (QUOTE_START.matcher(line.strip()).matches() || GREETING.matcher(line.strip()).matches()) {
                break;
            }
            Matcher h = HEADING.matcher(line);
            String field = h.matches() ? FIELDS.get(TextNormalizer.normalize(h.group(1))) : null;
            if (field != null) {
                current = field;
                // a heading given twice ("Tema: annat tema" and "Annat tema: …") reads as one answer, its words apart
                StringBuilder value = values.computeIfAbsent(field, f -> new StringBuilder());
                value.append(value.isEmpty() || h.group(2).isBlank() ? "" : " ").append(h.group(2).strip());
            } else if ("text".equals(current) && !line.isBlank()) {
                // inside the description a "Word:" is the person's own writing, kept as part of it
                values.get("text").append('\n').append(line.strip());
            } else if (h.matches() && !h.group(2).isBlank() && h.group(1).strip().split(" ").length <= 3) {
                String heading = h.group(1).strip();
                if (unknownHeadings.stream().noneMatch(heading::equalsIgnoreCase)) {
                    unknownHeadings.add(heading);
                }
                current = null;
            } else if (line.isBlank() && !"text".equals(current)) {
                current = null;
            }
        }
        List<String> unreadable = new ArrayList<>();
        String theme = null;
        String ownTheme = null;
        // what shows nothing before it (a zero-width space, a no-break space) would hide a formula from the check below
        String themeText = value(values, "theme") == null ? null : INVISIBLE_FIRST.matcher(value(values, "theme")).replaceFirst("");
        if (themeText != null) {
            Optional<String> picked = lists.read(GapLists.THEMES, themeText);
            if (picked.isPresent()) {
                theme = picked.get();
            } else if (!themeText.contains(",") && OwnTheme.of(themeText).isPresent()) {
                // "Tema: annat tema – Hemlöshet bland äldre": the words as the flow's own theme keeps them (OwnTheme)
                ownTheme = OwnTheme.of(themeText).get();
            } else if (!TextNormalizer.normalize(themeText).equals(TextNormalizer.normalize(choicesHint()))) {
                // a formula, or several themes at once: neither is a theme; the rules give one from the text
                unreadable.add("theme");
            }
        }
        String text = value(values, "text");
        if (text != null && TextNormalizer.normalize(text).startsWith(TEXT_HINT)) {
            text = text.substring(Math.min(text.length(), text.indexOf('?') + 1)).strip();
        }
        String perspective = choice(values, "perspective", GapLists.PERSPECTIVES, unreadable);
        String help = choice(values, "help", GapLists.HELP, unreadable);
        String level = choice(values, "level", GapLists.LEVELS, unreadable);
        String urgency = choice(values, "urgency", GapLists.URGENCY, unreadable);
        String change = value(values, "change");
        Matcher id = ENTRY_ID.matcher(change == null ? "" : change);
        return new Read(new KnowledgeGapService.Answer(district, theme, ownTheme, perspective, text == null || text.isBlank() ? null : text,
                help, level, urgency), id.find() ? id.group().toLowerCase() : null, unreadable, unknownHeadings, java.util.Set.copyOf(values.keySet()));
    }

    /** The themes as the form lists them after "Tema:", left in place by someone who did not choose. */
    private String choicesHint() {
        return lists.options(GapLists.THEMES).stream().map(o -> o.label().sv()).collect(java.util.stream.Collectors.joining(", "));
    }

    private String choice(Map<String, StringBuilder> values, String field, String list, List<String> unreadable) {
        String v = value(values, field);
        if (v == null) {
            return null;
        }
        Optional<String> picked = lists.read(list, v);
        if (picked.isEmpty()) {
            unreadable.add(field);
        }
        return picked.orElse(null);
    }

    private static String value(Map<String, StringBuilder> values, String field) {
        StringBuilder b = values.get(field);
        return b == null || b.toString().isBlank() ? null : b.toString().strip();
    }
}
