package se.foubot.conversation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks a choice from what a person typed: its number, its name or an alias in either language, a word
 * it starts with ("hagersten" → "Hägersten-Älvsjö"), a name with a small typo, and in an answer to a question a name
 * within a short sentence ("jag är enhetschef", {@link #matchInSentence}). Forgives case and diacritics. When several choices fit, none is picked and the candidates are
 * returned.
 */
public final class ChoiceMatcher {

    public sealed interface Match permits Picked, Ambiguous, NoMatch {
    }

    public record Picked(ChoiceOption option) implements Match {
    }

    public record Ambiguous(List<ChoiceOption> candidates) implements Match {
    }

    public record NoMatch() implements Match {
    }

    /** The longest answer read as a sentence around a name; a longer one is a description, not an answer to pick from. */
    private static final int SENTENCE_WORDS = 8;
    /** The longest answer read as a no to one name and another said instead. */
    private static final int CONTRAST_WORDS = 12;
    /** Words that say a name in the same short answer is not the answer ("inte chef", "not Bromma"), folded. */
    private static final Set<String> NEGATIONS = Set.of("inte", "ej", "icke", "aldrig", "ingen", "inget", "inga", "varken",
            "nej", "not", "no", "never", "neither", "nor", "isnt", "isn", "dont", "don", "aren", "wasn",
            // not (yet, any more) the person's role: "snart chef", "nästan chef", "tidigare controller", "chef förut"
            "snart", "nastan", "tidigare", "forut", "forr", "blivande", "fore", "soon", "almost", "former", "formerly",
            "previously", "used");
    private static final Set<String> ARTICLES = Set.of("en", "ett", "a", "an");
    /** Before an article and a name, words that make the name someone the writer works for or with ("åt en chef"). */
    private static final Set<String> FOR_SOMEONE = Set.of("at", "till", "under", "for", "to", "med", "with", "hos", "ersatter",
            "replace", "replacing", "assistent", "assistant");
    /** Words that make the name after them someone else's ("min chef", "vår enhet", "my manager"); "var" is "vår" folded. */
    private static final Set<String> POSSESSIVES = Set.of("min", "mitt", "mina", "var", "vart", "vara", "din", "ditt", "dina",
            "hans", "hennes", "deras", "er", "ert", "era", "sin", "sitt", "sina", "my", "our", "your", "his", "her", "their");
    /** A genitive s ("Skarpnäcks stadsdelsförvaltning"), taken off a word of four letters or more before it. */
    private static final java.util.regex.Pattern GENITIVE_S = java.util.regex.Pattern.compile("\\b(\\p{L}{4,})s\\b");

    private ChoiceMatcher() {
    }

    public static Match match(List<ChoiceOption> options, String input) {
        String in = TextNormalizer.normalize(input);
        if (in.isEmpty() || negative(input)) {
            return new NoMatch();
        }
        if (in.matches("\\d{1,3}")) {
            int n = Integer.parseInt(in);
            return n >= 1 && n <= options.size() ? new Picked(options.get(n - 1)) : new NoMatch();
        }
        List<ChoiceOption> exact = filter(options, in, (name, q) -> name.equals(q));
        if (exact.size() == 1) {
            return new Picked(exact.get(0));
        }
        List<ChoiceOption> prefix = filter(options, in, ChoiceMatcher::startsAtWord);
        if (!prefix.isEmpty()) {
            return prefix.size() == 1 ? new Picked(prefix.get(0)) : new Ambiguous(prefix);
        }
        // a number word ("första", "åtta") is no name mistyped, though one letter from one ("Farsta")
        if (in.length() >= 4 && !NumberWords.isNumberWord(in)) {
            List<ChoiceOption> close = filter(options, in, ChoiceMatcher::closeToAWord);
            if (hasMarks(input)) {
                // typed with å, ä or ö, the marks are letters: "förstå" is a word of its own, not "Farsta" mistyped
                close = close.stream().filter(o -> closeAsWritten(o, input)).toList();
            }
            if (!close.isEmpty()) {
                return close.size() == 1 ? new Picked(close.get(0)) : new Ambiguous(close);
            }
        }
        return new NoMatch();
    }

    /**
     * As {@link #match}, and when that finds nothing, a name within a short answer written as a sentence: "Jag är
     * enhetschef", "vi sitter i Bromma", "I'm a controller", "Skarpnäcks stadsdelsförvaltning". For a person's answer
     * to a question, not a cell of imported data, where a name among other words is no name.
     */
    public static Match matchInSentence(List<ChoiceOption> options, String input) {
        Match plain = match(options, input);
        if (!(plain instanceof NoMatch)) {
            return plain;
        }
        String in = TextNormalizer.normalize(input);
        // a longer text is left to the step's own reading (a guess the person confirms); one that says no to a name and
        // names another instead may take a few more words ("I am not a manager, I am a controller")
        int words = in.isEmpty() ? 0 : in.split(" ").length;
        if (words > 0 && words <= CONTRAST_WORDS) {
            for (String sentence : List.of(in, GENITIVE_S.matcher(in).replaceAll("$1"))) {
                List<ChoiceOption> within = words <= SENTENCE_WORDS ? filter(options, sentence, ChoiceMatcher::namedWithin) : List.of();
                if (!within.isEmpty()) {
                    return within.size() == 1 ? new Picked(within.get(0)) : new Ambiguous(within);
                }
                java.util.Optional<ChoiceOption> instead = contrasted(options, sentence);
                if (instead.isPresent()) {
                    return new Picked(instead.get());
                }
            }
        }
        return new NoMatch();
    }

    /**
     * Whether {@code input} names {@code option} in a sentence that says no ("det handlar inte om utvärdering",
     * "utvärdering behöver vi inte", "not an evaluation"): a guess must not propose it.
     */
    static boolean denied(ChoiceOption option, String input) {
        String padded = " " + TextNormalizer.normalize(input) + " ";
        for (String name : option.matchNames()) {
            for (String word : name.split(" ")) {
                if (word.length() >= 4 && padded.contains(" " + word) && saysNo(padded.replace(" " + name + " ", " "))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A word that says no anywhere in {@code words} (folded, space-separated). */
    private static boolean saysNo(String words) {
        return List.of(words.strip().split(" ")).stream().anyMatch(NEGATIONS::contains);
    }

    /**
     * The name as whole words in a short sentence, said of the person: not in a sentence that says no besides the name
     * ("inte chef", "ingen chef", "chef är jag inte", "varken chef eller controller", "not Bromma"), nor after a word that
     * makes it someone else's ("min chef bad mig skriva", "my manager asked me") or another person the writer works for
     * ("jag jobbar åt en chef", "I work for a manager").
     */
    private static boolean namedWithin(String name, String in) {
        if (name.length() < 3) {
            return false;
        }
        String padded = " " + in + " ";
        if (!padded.contains(" " + name + " ") || saysNo(padded.replace(" " + name + " ", " "))) {
            return false;
        }
        for (int at = padded.indexOf(" " + name + " "); at >= 0; at = padded.indexOf(" " + name + " ", at + 1)) {
            String before = padded.substring(0, at).strip();
            List<String> words = before.isEmpty() ? List.of() : List.of(before.split(" "));
            String previous = words.isEmpty() ? "" : words.get(words.size() - 1);
            boolean someoneElses = possessive(words, words.size() - 1)
                    || ARTICLES.contains(previous) && words.size() >= 2 && FOR_SOMEONE.contains(words.get(words.size() - 2));
            if (!someoneElses) {
                return true;
            }
        }
        return false;
    }

    /** Words that set the name after them against one said no to before ("inte chef utan controller", "not Y but X"). */
    private static final Set<String> CONTRAST = Set.of("utan", "snarare", "men", "nu", "but", "rather", "instead", "now");
    /** What may stand between a name and the no after it that denies another ("Farsta och inte Bromma"). */
    private static final Set<String> AND = Set.of("och", "men", "and", "but", "nu", "now", "absolut", "verkligen", "definitivt",
            "alls", "definitely", "really", "certainly");
    /** Words that join a name to the one said no to before it, so that the no is said of both. */
    private static final Set<String> JOINING = Set.of("eller", "och", "samt", "heller", "plus", "or", "and", "nor");
    /** A no said on its own, which takes back what came just before it ("Bromma nej, Farsta"). */
    private static final Set<String> INTERJECTIONS = Set.of("nej", "no", "nope", "nix");

    /** Where a name stands in a sentence's words: from {@code start}, up to but not including {@code end}. */
    private record Named(ChoiceOption option, int start, int end) {
    }

    /**
     * Two names, one said no to and the other said instead: "Jag är verksamhetsutvecklare, inte chef", "controller,
     * tidigare chef", "inte utvärdering utan uppföljning", "not a manager but a controller". One word that says no, the
     * name it denies within three words after it, and the other name right before that word, or after the denied one
     * set against it ("utan", "nu", "but") or in up to three words of its own ("inte chef, jag är controller"). A no
     * right after a name ("Bromma nej, Farsta") takes that one back instead. Anything else with a no in it ("inte chef eller controller") picks nothing.
     */
    private static java.util.Optional<ChoiceOption> contrasted(List<ChoiceOption> options, String in) {
        List<String> all = List.of(in.split(" "));
        // a no that opens the answer answers the question's framing, not a name ("Nej, inte chef, jag är controller")
        List<String> words = all.size() > 1 && INTERJECTIONS.contains(all.get(0)) ? all.subList(1, all.size()) : all;
        List<Integer> noes = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (NEGATIONS.contains(words.get(i))) {
                noes.add(i);
            }
        }
        if (noes.size() > 1) {
            return saidAfterSeveralNoes(namesIn(options, words), words, noes);
        }
        if (noes.size() != 1) {
            return java.util.Optional.empty();
        }
        int no = noes.get(0);
        List<Named> named = namesIn(options, words);
        if (named.stream().map(Named::option).distinct().count() != 2) {
            return java.util.Optional.empty();
        }
        // "Bromma, eller nej, Farsta": the "eller" belongs to the taking back
        int backTo = no > 0 && (words.get(no - 1).equals("eller") || words.get(no - 1).equals("or")) ? no - 1 : no;
        if (INTERJECTIONS.contains(words.get(no)) && named.stream().anyMatch(n -> n.end() == backTo)) {
            // "Bromma nej, Farsta", "chef? nej förresten controller": a no right after a name takes that name back, and
            // the name after it, within three words, is said instead
            Named taken = named.stream().filter(n -> n.end() == backTo).findFirst().orElseThrow();
            List<Named> after = named.stream().filter(n -> n.start() > no && n.start() - no <= 3).toList();
            boolean onlyThose = named.stream().allMatch(n -> n.option().equals(taken.option()) ? n.end() <= backTo
                    : after.contains(n));
            return !after.isEmpty() && onlyThose && !after.get(0).option().equals(taken.option())
                    ? java.util.Optional.of(after.get(0).option()) : java.util.Optional.empty();
        }
        return saidInstead(named, words, no);
    }

    /** Where each option's names stand among {@code words}. */
    private static List<Named> namesIn(List<ChoiceOption> options, List<String> words) {
        List<Named> named = new ArrayList<>();
        for (ChoiceOption o : options) {
            for (String name : o.matchNames()) {
                List<String> nameWords = List.of(name.split(" "));
                for (int i = 0; i + nameWords.size() <= words.size(); i++) {
                    if (name.length() >= 3 && words.subList(i, i + nameWords.size()).equals(nameWords)) {
                        named.add(new Named(o, i, i + nameWords.size()));
                    }
                }
            }
        }
        return named;
    }

    /** "X, inte Y", "inte Y utan X": the name the no at {@code no} denies, and the other said instead. */
    private static java.util.Optional<ChoiceOption> saidInstead(List<Named> named, List<String> words, int no) {
        // the denied name: the first after the no, within three words of it
        Named denied = named.stream().filter(n -> n.start() > no).min(java.util.Comparator.comparingInt(Named::start))
                .filter(n -> n.start() - no <= 3).orElse(null);
        if (denied == null) {
            return java.util.Optional.empty();
        }
        List<Named> others = named.stream().filter(n -> !n.option().equals(denied.option())).toList();
        boolean deniedOnlyThere = named.stream().filter(n -> n.option().equals(denied.option()))
                .allMatch(n -> n.start() == denied.start());
        boolean said = others.stream().allMatch(n -> {
            // right before the no ("verksamhetsutvecklare, inte chef"); not "Farsta är det inte, Bromma", which denies Farsta
            boolean before = n.end() <= no && words.subList(n.end(), no).stream().allMatch(AND::contains);
            // after it, set against it ("inte chef utan controller"), or said again in a few words of its own ("inte chef,
            // jag är controller"), not joined to it ("inte Bromma eller Farsta", "varken … eller …")
            List<String> between = n.start() >= denied.end() ? words.subList(denied.end(), n.start()) : null;
            boolean afterContrast = between != null && (between.stream().anyMatch(CONTRAST::contains)
                    || between.size() <= 3 && between.stream().noneMatch(JOINING::contains));
            return (before || afterContrast) && !(n.start() > 0 && possessive(words, n.start() - 1));
        });
        return deniedOnlyThere && said ? java.util.Optional.of(others.get(0).option()) : java.util.Optional.empty();
    }

    /** Words that end a no said of a name ("inte Farsta heller", "not Farsta either"). */
    private static final Set<String> ENDING_A_NO = Set.of("heller", "either", "too", "ocksa", "alls");

    /**
     * Several names said no to, each right after its own no, and one other said on its own after the last or before the
     * first: "Inte Bromma. Inte Farsta heller. Kista.", "Kista, inte Bromma, inte Farsta". Empty unless every no denies a
     * name and one name is left.
     */
    private static java.util.Optional<ChoiceOption> saidAfterSeveralNoes(List<Named> named, List<String> words, List<Integer> noes) {
        List<Named> denials = new ArrayList<>();
        for (int no : noes) {
            // "Bromma nej, Farsta nej, Kista": a no after a name takes that one back, a reading of its own
            if (INTERJECTIONS.contains(words.get(no)) && named.stream().anyMatch(n -> n.end() == no || n.end() == no - 1)) {
                return java.util.Optional.empty();
            }
            Named denied = named.stream().filter(n -> n.start() > no && n.start() - no <= 3)
                    .min(java.util.Comparator.comparingInt(Named::start)).orElse(null);
            // no other no between it and its name, and no name between them ("inte Bromma eller Farsta")
            if (denied == null || noes.stream().anyMatch(other -> other > no && other < denied.start())) {
                return java.util.Optional.empty();
            }
            denials.add(denied);
        }
        Set<ChoiceOption> deniedOptions = new LinkedHashSet<>(denials.stream().map(Named::option).toList());
        List<Named> others = named.stream().filter(n -> !deniedOptions.contains(n.option())).toList();
        if (others.stream().map(Named::option).distinct().count() != 1
                || named.stream().filter(n -> deniedOptions.contains(n.option())).anyMatch(n -> !denials.contains(n))) {
            return java.util.Optional.empty();
        }
        int firstNo = noes.get(0);
        int lastDenialEnd = denials.stream().mapToInt(Named::end).max().orElseThrow();
        boolean said = others.stream().allMatch(n -> {
            boolean before = n.end() <= firstNo && words.subList(n.end(), firstNo).stream().allMatch(AND::contains);
            List<String> between = n.start() >= lastDenialEnd
                    ? words.subList(lastDenialEnd, n.start()).stream().filter(w -> !ENDING_A_NO.contains(w)).toList() : null;
            boolean after = between != null && (between.stream().anyMatch(CONTRAST::contains)
                    || between.size() <= 3 && between.stream().noneMatch(JOINING::contains));
            return (before || after) && !(n.start() > 0 && possessive(words, n.start() - 1));
        });
        return said ? java.util.Optional.of(others.get(0).option()) : java.util.Optional.empty();
    }

    /** Verbs after which "vara" is "to be", not "våra" folded ("det ska vara Farsta", "det bör vara chef"). */
    private static final Set<String> BEFORE_TO_BE = Set.of("ska", "skall", "skulle", "bor", "borde", "kan", "kunde", "maste", "far",
            "vill", "verkar", "ma", "lar", "tycks", "brukar");

    /** Whether the word at {@code at} makes the name after it someone else's: a possessive, and not the verb "vara". */
    private static boolean possessive(List<String> words, int at) {
        if (at < 0 || !POSSESSIVES.contains(words.get(at))) {
            return false;
        }
        return !(words.get(at).equals("vara") && at > 0 && BEFORE_TO_BE.contains(words.get(at - 1)));
    }

    private interface NameTest {
        boolean test(String normalizedName, String normalizedInput);
    }

    private static List<ChoiceOption> filter(List<ChoiceOption> options, String in, NameTest test) {
        Set<ChoiceOption> out = new LinkedHashSet<>();
        for (ChoiceOption o : options) {
            for (String name : o.matchNames()) {
                if (test.test(name, in)) {
                    out.add(o);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** "hagersten" in "hagersten alvsjo", "alvsjo" in "hagersten alvsjo", "enskede arsta" in "enskede arsta vantor". */
    private static boolean startsAtWord(String name, String in) {
        if (in.length() < 3) {
            return false;
        }
        return name.startsWith(in) || name.contains(" " + in);
    }

    /**
     * A name mistyped: a letter or two off, but the first letter right — people seldom miss that one, and a word of
     * its own one letter from a short name usually differs there ("sista" and "lista" are no "Kista").
     */
    private static boolean closeToAWord(String name, String in) {
        int allowed = in.length() >= 8 ? 2 : 1;
        if (sameStart(name, in) && distance(name, in) <= allowed) {
            return true;
        }
        for (String word : name.split(" ")) {
            if (word.length() >= 4 && sameStart(word, in) && distance(word, in) <= allowed) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameStart(String a, String b) {
        return !a.isEmpty() && !b.isEmpty() && a.charAt(0) == b.charAt(0);
    }

    /**
     * A minus before a number, alone or after a word or sign ("-1", "−3", "– 2", "nr -2", "#-1", "den -1:a"): folding
     * would drop the sign and leave a number of the list. Not a dash between digits ("2027-03-01", "08-123 45").
     */
    private static final java.util.regex.Pattern NEGATIVE = java.util.regex.Pattern.compile(
            "(^|[\\s#(:.])[-\u2212\u2013\u2012\u2010\u2011\uFE63\uFF0D]\\s?\\p{Nd}");

    /** Whether {@code input} says a negative number, which no list has. */
    static boolean negative(String input) {
        return NEGATIVE.matcher(input).find();
    }

    private static boolean hasMarks(String input) {
        // composed first: a Mac or a phone may send "ö" as "o" and a combining diaeresis
        return java.text.Normalizer.normalize(input, java.text.Normalizer.Form.NFC).codePoints()
                .anyMatch(c -> Character.isLetter(c) && c > 127);
    }

    private static boolean closeAsWritten(ChoiceOption o, String input) {
        String typed = asWritten(input);
        List<String> names = new ArrayList<>();
        names.add(asWritten(o.label().sv()));
        if (o.label().en() != null) {
            names.add(asWritten(o.label().en()));
        }
        o.aliases().forEach(a -> names.add(asWritten(a)));
        return names.stream().anyMatch(name -> closeToAWord(name, typed));
    }

    /** Lower case, words only, the marks kept. */
    private static String asWritten(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{Nd}]+", " ").strip();
    }

    /**
     * Edits from one to the other, two neighbouring letters swapped counting as one ("Frasta" is one from "Farsta"):
     * the optimal string alignment distance.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
