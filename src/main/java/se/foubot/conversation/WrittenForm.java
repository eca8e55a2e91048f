package se.foubot.conversation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow answered in writing, all at once (a mail), rather than asked in turn: the steps its {@code by-mail} names,
 * read from lines "Label: value" with the same readers the chat uses (a choice from the step's options, a date with
 * the forgiving date parser), and asked for with the step's own question, label and list.
 */
public final class WrittenForm {

    /** "Label: value"; also as a line of the chat's summary, copied with its number ("6. Behövs senast: 15 mars"). */
    private static final Pattern LINE = Pattern.compile("(?m)^[ \\t]*(?:\\p{Nd}{1,2}[.)．][ \\t]*)?([^:=\\n]{1,40}?)[ \\t]*[:=][ \\t]*(.+)$");

    private static final Pattern BLANK_LINES = Pattern.compile("(?:[ \\t]*\\r?\\n){3,}");

    private final Flow flow;
    private final Map<String, WrittenField> fields = new LinkedHashMap<>();

    public WrittenForm(Flow flow) {
        this.flow = flow;
        flow.byMail().forEach(f -> fields.put(f.step(), f));
    }

    /**
     * What a written request answered: each step's stored value, and what it left open or could not be read; {@code
     * labelledText}: what the lines labelled with a text step's label said ("Vad stödet gäller: …"), which also stays in
     * {@code rest}.
     */
    public record Reading(FormAnswers answers, Map<String, String> unreadable, String rest, Map<String, String> labelledText) {
    }

    /** The steps, in the order they are asked for. */
    public List<String> fields() {
        return List.copyOf(fields.keySet());
    }

    public Step step(String field) {
        return flow.step(field).orElseThrow();
    }

    /**
     * Reads the labelled lines of {@code text}: a line whose label is a step's label (or one of its by-mail labels)
     * answers that step when the chat would take the answer; one it would refuse is kept in {@code unreadable}.
     * {@code rest} is the text without the lines read.
     */
    public Reading read(String text, LocalDate today) {
        String body = text == null ? "" : text;
        Map<String, String> values = new LinkedHashMap<>();
        java.util.Set<String> none = new java.util.LinkedHashSet<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        Map<String, String> labelledText = new LinkedHashMap<>();
        StringBuilder rest = new StringBuilder();
        Matcher m = LINE.matcher(body);
        int last = 0;
        while (m.find()) {
            Optional<WrittenField> field = fieldLabelled(m.group(1));
            if (field.isEmpty()) {
                continue;
            }
            rest.append(body, last, m.start());
            last = m.end();
            String stepId = field.get().step();
            String input = m.group(2).strip();
            boolean saysNothing = TextNormalizer.normalize(input).isEmpty();
            if (step(stepId).type() == AnswerType.TEXT) {
                // "Vad stödet gäller: …" (a summary's line pasted): the text stays where it was, in the rest, without its
                // label; "Vad stödet gäller: –" says nothing, and the description is asked for if nothing else gives it
                if (!saysNothing) {
                    rest.append(input);
                    labelledText.merge(stepId, input, (a, b) -> a + "\n" + b);
                }
                continue;
            }
            if (saysNothing && !step(stepId).optional()) {
                continue; // "Förvaltning: –": no answer, asked for as if the line were not there
            }
            // "–" is how the summary shows an optional answer left out, and a dash alone says nothing else
            AnswerReader.Reading reading = saysNothing ? new AnswerReader.Accepted(null) : readWritten(stepId, input, today);
            if (reading instanceof AnswerReader.Accepted a && a.value() == null) {
                none.add(stepId);
                values.remove(stepId);
                unreadable.remove(stepId);
            } else if (reading instanceof AnswerReader.Accepted a) {
                values.put(stepId, a.value());
                none.remove(stepId);
                unreadable.remove(stepId);
            } else if (!values.containsKey(stepId)) {
                unreadable.put(stepId, input);
            }
        }
        rest.append(body.substring(last));
        // the lines read leave their line breaks: a paragraph's gap, not a column of empty lines
        String left = BLANK_LINES.matcher(rest).replaceAll("\n\n").strip();
        return new Reading(new FormAnswers(values, none), unreadable, left, labelledText);
    }

    /**
     * {@code input} read as the answer to {@code field} in a mail: as the chat reads it, except that a bare number is no
     * choice — a mail lists the choices by name, so "2" would pick from a numbered list the person never saw.
     */
    private AnswerReader.Reading readWritten(String field, String input, LocalDate today) {
        if (step(field).type() == AnswerType.CHOICE && TextNormalizer.normalize(input).matches("\\d+")) {
            return AnswerReader.unknownChoice(input);
        }
        return AnswerReader.read(step(field), input, today, fields.get(field));
    }

    private static final LocalizedText KEEP_ONE = LocalizedText.of("Låt bara en av dem stå kvar på raden:",
            "Keep only one of them on the line:");

    /** Names as alternatives: "Skärholmen eller Skarpnäck", "A, B eller C" ("or" in English). */
    public static String alternatives(List<String> names, Language l) {
        String or = l == Language.EN ? " or " : " eller ";
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + or + names.get(names.size() - 1);
    }

    /** The answer the chat would take for {@code field} from {@code input}, or empty. */
    public Optional<String> accepted(String field, String input, LocalDate today) {
        return readWritten(field, input, today) instanceof AnswerReader.Accepted a ? Optional.of(a.value()) : Optional.empty();
    }

    /** The names of the choices {@code input} fits several of, for {@code field}; empty when it fits one or none. */
    public List<String> candidates(String field, String input, LocalDate today, Language l) {
        return readWritten(field, input, today) instanceof AnswerReader.Refused refused && refused.args().containsKey(AnswerReader.CANDIDATES)
                ? AnswerReader.candidateNames(step(field), refused.args().get(AnswerReader.CANDIDATES), l) : List.of();
    }

    /** {@code text} holds one of the phrases that answer the optional {@code field} with nothing ("ingen brådska"). */
    public boolean saysNone(String field, String text) {
        return fields.get(field).saysNone(text);
    }

    /** The phrases in {@code l} that answer the optional {@code field} with nothing ("ingen brådska"); empty for other steps. */
    public List<String> noneWords(String field, Language l) {
        return fields.get(field).none().getOrDefault(l, List.of());
    }

    /** The step's question, as the chat asks it. */
    public String question(String field, Language l) {
        return step(field).text().in(l);
    }

    /** The label a written answer starts with ("Förvaltning"). */
    public String label(String field, Language l) {
        return step(field).labelOrText().in(l);
    }

    /** Why {@code input} cannot answer {@code field}, as the chat says it. */
    public Optional<String> whyNot(String field, String input, LocalDate today, Language l) {
        if (!(readWritten(field, input, today) instanceof AnswerReader.Refused refused)) {
            return Optional.empty();
        }
        Map<String, String> args = new LinkedHashMap<>(refused.args());
        args.computeIfPresent("date", (k, iso) -> DateAnswerParser.stored(iso).map(d -> DateAnswerParser.display(d, l)).orElse(iso));
        List<String> candidates = args.containsKey(AnswerReader.CANDIDATES)
                ? AnswerReader.candidateNames(step(field), args.get(AnswerReader.CANDIDATES), l) : List.of();
        args.computeIfPresent(AnswerReader.CANDIDATES, (k, ids) -> String.join(", ", candidates));
        LocalizedText text = step(field).errors().getOrDefault(refused.error().key(), refused.error().defaultText());
        if (candidates.size() > 1 && TextNormalizer.normalize(input).equals(TextNormalizer.normalize(alternatives(candidates, l)))) {
            // the line the bot offered, sent back as it was ("Förvaltning: Skärholmen eller Skarpnäck"): asked once more
            // the same way, it would go round; what to do with the line is what was missing
            return Optional.of(KEEP_ONE.in(l));
        }
        String why = text.in(l, args);
        if (!candidates.isEmpty() && !text.in(l).contains("{" + AnswerReader.CANDIDATES + "}")) {
            // a mail cannot list them below as buttons: "Vilken menar du? Skärholmen eller Skarpnäck?"
            why += " " + alternatives(candidates, l) + "?";
        }
        return Optional.of(why);
    }

    /** A stored answer as it is shown back (an option's name, a date in words). */
    public String display(String field, String value, Language l) {
        return AnswerReader.display(step(field), value, l);
    }

    private Optional<WrittenField> fieldLabelled(String label) {
        String l = TextNormalizer.normalize(label);
        for (WrittenField f : fields.values()) {
            Step step = step(f.step());
            if (step.label() != null && (l.equals(TextNormalizer.normalize(step.label().sv()))
                    || (step.label().en() != null && l.equals(TextNormalizer.normalize(step.label().en()))))) {
                return Optional.of(f);
            }
            if (f.labels().stream().anyMatch(x -> l.equals(TextNormalizer.normalize(x)))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
