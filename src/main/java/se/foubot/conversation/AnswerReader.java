package se.foubot.conversation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads a person's answer to one step into its stored form, or says why it cannot be taken. */
final class AnswerReader {

    sealed interface Reading permits Accepted, Refused {
    }

    /** @param value the stored form: option id, ISO date, number, "yes"/"no", the text itself */
    record Accepted(String value) implements Reading {
    }

    record Refused(AnswerError error, Map<String, String> args) implements Reading {
    }

    /** The argument of {@link AnswerError#AMBIGUOUS_CHOICE} that holds the ids of the choices that fit, comma-separated. */
    static final String CANDIDATES = "candidates";

    static final Set<String> YES = Set.of("ja", "j", "japp", "jajamen", "jo", "ok", "okej", "okay", "absolut", "stammer",
            "det stammer", "korrekt", "yes", "y", "yep", "yeah", "sure", "correct");
    static final Set<String> NO = Set.of("nej", "n", "na", "nix", "nope", "no", "nah", "stammer inte");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>(),;:\"]+@[^@\\s<>(),;:\"]+\\.[a-zA-Z]{2,}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d  ]*(?:[.,]\\d+)?");

    private AnswerReader() {
    }

    static Reading read(Step step, String input, LocalDate today) {
        String text = input.strip();
        if (text.isEmpty()) {
            return refused(AnswerError.EMPTY);
        }
        return switch (step.type()) {
            case TEXT -> readText(step, text);
            case CHOICE -> readChoice(step, text);
            case YES_NO -> readYesNo(text);
            case DATE -> readDate(step, text, today);
            case EMAIL -> readEmail(text);
            case NUMBER -> readNumber(step, text);
        };
    }

    /**
     * As {@link #read}, for an answer in a chat or on a mail's labelled line alike, where {@code written} (null: none)
     * names words that answer the optional {@code step} with nothing ("ingen brådska"): what reads as an answer alone
     * is the answer; else, when the words are there, a date in the same answer ("ingen brådska, men helst före 15
     * mars") is read as the step reads a date alone, so that one that has passed or that the calendar lacks is refused
     * as it would be, not dropped; else the answer is nothing (null).
     */
    static Reading read(Step step, String input, LocalDate today, WrittenField written) {
        Reading reading = read(step, input, today);
        if (!(reading instanceof Refused) || written == null || !step.optional() || !written.saysNone(input)) {
            return reading;
        }
        java.util.Optional<String> date = step.type() == AnswerType.DATE ? DateAnswerParser.firstIn(input, today, written.allNone())
                : java.util.Optional.empty();
        return date.isPresent() ? read(step, date.get(), today) : new Accepted(null);
    }

    private static Reading readText(Step step, String text) {
        int length = text.codePointCount(0, text.length());
        if (step.minLength() != null && length < step.minLength()) {
            return refused(AnswerError.TOO_SHORT, "min", step.minLength().toString(), "length", Integer.toString(length));
        }
        if (step.maxLength() != null && length > step.maxLength()) {
            return refused(AnswerError.TOO_LONG, "max", step.maxLength().toString(), "length", Integer.toString(length));
        }
        return new Accepted(text);
    }

    /**
     * The step's choices a refusal's {@link #CANDIDATES} names by id (comma-separated), in that order; an id the step no
     * longer has is left out.
     */
    static List<ChoiceOption> candidates(Step step, String ids) {
        return java.util.Arrays.stream(ids.split(",")).map(step::option).flatMap(java.util.Optional::stream).toList();
    }

    /** As {@link #candidates}, their names in {@code language}. */
    static List<String> candidateNames(Step step, String ids, Language language) {
        return candidates(step, ids).stream().map(o -> o.label().in(language)).toList();
    }

    /** The refusal of a number said as an answer to a list of {@code count} choices that has no such number. */
    static Refused numberNotListed(String text, int count) {
        return refused(AnswerError.NUMBER_NOT_LISTED, "input", text, "count", Integer.toString(count));
    }

    /** The refusal of an answer that names no choice. */
    static Refused unknownChoice(String text) {
        return refused(AnswerError.UNKNOWN_CHOICE, "input", text);
    }

    private static Reading readChoice(Step step, String text) {
        ChoiceMatcher.Match match = ChoiceMatcher.matchInSentence(step.options(), text);
        if (match instanceof ChoiceMatcher.Picked p) {
            return new Accepted(p.option().id());
        }
        if (match instanceof ChoiceMatcher.Ambiguous a) {
            // the choices' ids: named in the conversation's language where the error is written (FlowInterpreter)
            String candidates = a.candidates().stream().map(ChoiceOption::id).collect(Collectors.joining(","));
            return refused(AnswerError.AMBIGUOUS_CHOICE, "input", text, CANDIDATES, candidates);
        }
        return refused(AnswerError.UNKNOWN_CHOICE, "input", text);
    }

    private static Reading readYesNo(String text) {
        String in = TextNormalizer.normalize(text);
        if (YES.contains(in)) {
            return new Accepted("yes");
        }
        if (NO.contains(in)) {
            return new Accepted("no");
        }
        if (saidFirst(in, YES) && List.of(in.split(" ")).stream().noneMatch(NOT_QUITE_YES::contains)) {
            return new Accepted("yes");
        }
        if (saidFirst(in, NO) && List.of(in.split(" ")).stream().noneMatch(YES::contains)) {
            return new Accepted("no");
        }
        return refused(AnswerError.NOT_YES_NO, "input", text);
    }

    /** Words that take back or hedge a yes or a no said before them ("ja, men …", "ja, fast bara delvis", "nej, eller jo"). */
    private static final Set<String> HEDGES = Set.of("men", "fast", "eller", "but", "or", "though", "although", "maybe", "kanske",
            "delvis", "typ", "tror", "partly", "sort", "kind", "guess");
    /** After a "ja", words that make it less than one ("ja, det tror jag inte", "yes, not really"). */
    private static final Set<String> NOT_QUITE_YES = Set.of("inte", "ej", "icke", "not", "no", "nej");

    /**
     * Whether {@code folded} (as {@link TextNormalizer} folds it) begins with one of {@code words} and goes on without
     * hedging it: "Ja tack", "Ja, det är ett LUM-projekt", "Nej, inte just nu"; not "ja, men …", "jo, delvis", "ja,
     * typ", nor "ok, vad menar du?", where "ok" only says the question was heard.
     */
    static boolean saidFirst(String folded, Set<String> words) {
        String[] w = folded.split(" ");
        return w.length > 1 && words.contains(w[0]) && !w[0].startsWith("ok")
                && List.of(w).stream().noneMatch(HEDGES::contains);
    }

    private static Reading readDate(Step step, String text, LocalDate today) {
        DateAnswerParser.Result r = DateAnswerParser.parse(text, today);
        if (r instanceof DateAnswerParser.Parsed p) {
            return new Accepted(p.date().toString());
        }
        if (r instanceof DateAnswerParser.Past p) {
            return step.notPast() ? refused(AnswerError.DATE_IN_PAST, "input", text, "date", p.date().toString())
                    : new Accepted(p.date().toString());
        }
        if (r instanceof DateAnswerParser.Unreadable) {
            // a sentence with a date in it, read as a mail's text is ("Det är bråttom, senast 20 december.")
            java.util.Optional<LocalDate> inText = DateAnswerParser.find(text, today);
            if (inText.isPresent()) {
                return new Accepted(inText.get().toString());
            }
        }
        return refused(r instanceof DateAnswerParser.Impossible ? AnswerError.INVALID_DATE : AnswerError.DATE_FORMAT,
                "input", text);
    }

    private static Reading readEmail(String text) {
        String candidate = text.replaceAll("^mailto:", "").replaceAll("^<|>$", "");
        if (EMAIL.matcher(candidate).matches()) {
            return new Accepted(candidate.toLowerCase(java.util.Locale.ROOT));
        }
        return refused(AnswerError.EMAIL_FORMAT, "input", text);
    }

    private static Reading readNumber(Step step, String text) {
        String in = text.replaceAll("(?i)\\s*(kr|kronor|sek|st|stycken|år|years?)\\.?$", "").strip();
        if (!NUMBER.matcher(in).matches()) {
            return refused(AnswerError.NUMBER_FORMAT, "input", text);
        }
        String digits = in.replaceAll("[  ]", "");
        if (digits.contains(",") || digits.contains(".")) {
            return refused(AnswerError.NUMBER_FORMAT, "input", text);
        }
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return refused(AnswerError.NUMBER_FORMAT, "input", text);
        }
        if (step.min() != null && value < step.min()) {
            return refused(AnswerError.NUMBER_TOO_SMALL, "min", step.min().toString(), "input", text);
        }
        if (step.max() != null && value > step.max()) {
            return refused(AnswerError.NUMBER_TOO_LARGE, "max", step.max().toString(), "input", text);
        }
        return new Accepted(Long.toString(value));
    }

    /** How a stored answer is shown back to the person. */
    static String display(Step step, String value, Language language) {
        if (value == null) {
            return "–";
        }
        return switch (step.type()) {
            case CHOICE -> step.option(value).map(o -> o.label().in(language)).orElse(value);
            case YES_NO -> value.equals("yes") ? (language == Language.EN ? "yes" : "ja")
                    : (language == Language.EN ? "no" : "nej");
            case DATE -> DateAnswerParser.stored(value).map(d -> DateAnswerParser.display(d, language)).orElse(value);
            default -> value;
        };
    }

    private static Refused refused(AnswerError error, String... keyValues) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            args.put(keyValues[i], keyValues[i].equals("input") ? echoed(keyValues[i + 1]) : keyValues[i + 1]);
        }
        return new Refused(error, args);
    }

    private static final Pattern QUOTES_AROUND = Pattern.compile("^[\"'”“„»«]+|[\"'”“„»«]+$");

    /** The most of an answer said back: its first line, cut short, never a whole run of lines glued together. */
    static final int ECHOED = 60;

    private static String echoed(String input) {
        // quotes the person put around it are not doubled by the text's own (”ska”, not ””ska””)
        // nor a full stop the text's own quote mark is followed by (”… Kista.”.)
        String first = input == null ? "" : QUOTES_AROUND.matcher(input.strip().lines().findFirst().orElse("").strip()).replaceAll("")
                .replaceAll("(?<!\\.)\\.$", "");
        return first.codePointCount(0, first.length()) <= ECHOED ? first
                : first.substring(0, first.offsetByCodePoints(0, ECHOED - 1)).stripTrailing() + "…";
    }
}
