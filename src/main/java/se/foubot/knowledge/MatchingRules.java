package se.foubot.knowledge;

/**
 * How alike (0–1) a question must be to a topic ({@code rules/knowledge.yaml}, {@code matching:}): at or above
 * {@code confident} and ahead of the next topic by {@code margin} the bot answers; at or above {@code unsure} it
 * offers the nearest topics; below that the knowledge base has nothing to say. A confident answer also needs
 * {@code sharedTerms} analysed words in common with one of the topic's questions, so that one word ("hjälp",
 * "cancel") is never answered as a question. A topic at or above {@code alone} that scores at least twice the next
 * is answered too: a question full of words the knowledge base does not use ("Skärholmens") scores lower, but
 * points one way.
 */
record MatchingRules(double confident, double unsure, double margin, int sharedTerms, double alone) {

    /** Sure enough to answer {@code best} when the next topic scores {@code second}. */
    boolean confident(double best, double second, int shared) {
        boolean ahead = best >= confident && best - second >= margin;
        boolean farAhead = best >= alone && best >= 2 * second;
        return shared >= sharedTerms && (ahead || farAhead);
    }
}
