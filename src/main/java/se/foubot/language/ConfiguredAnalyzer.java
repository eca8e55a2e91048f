package se.foubot.language;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

import se.foubot.conversation.Language;

/**
 * One language's chain: words → lower case → stop words (as written, so "år" is not taken for "är") → folded
 * å/ä/ö (people write "ansokan" too) → compound parts added beside the compound → stems → synonyms replaced by
 * their group's first entry. Without {@code compounds} and {@code synonyms} it is the chain the data's own
 * synonyms and compound parts are read with.
 */
final class ConfiguredAnalyzer extends Analyzer {

    /** Compounds shorter than this are not split; parts shorter than three letters are never looked for. */
    private static final int MIN_COMPOUND = 5;
    private static final int MIN_PART = 3;
    private static final int MAX_PART = 25;

    private final Language language;
    private final Stemmer stemmer;
    private final CharArraySet stopWords;
    private final CharArraySet compoundParts;
    private final SynonymMap synonyms;

    ConfiguredAnalyzer(Language language, Stemmer stemmer, CharArraySet stopWords, CharArraySet compoundParts, SynonymMap synonyms) {
        this.language = language;
        this.stemmer = stemmer;
        this.stopWords = stopWords;
        this.compoundParts = compoundParts;
        this.synonyms = synonyms;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream ts = language == Language.EN ? new EnglishPossessiveFilter(source) : source;
        ts = new LowerCaseFilter(ts);
        ts = new StopFilter(ts, stopWords);
        ts = new ASCIIFoldingFilter(ts);
        if (compoundParts != null && !compoundParts.isEmpty()) {
            ts = new DictionaryCompoundWordTokenFilter(ts, compoundParts, MIN_COMPOUND, MIN_PART, MAX_PART, false);
        }
        ts = stemmer.wrap(ts);
        if (synonyms != null && synonyms.fst != null) {
            ts = new FlattenGraphFilter(new SynonymGraphFilter(ts, synonyms, true));
        }
        return new TokenStreamComponents(source, ts);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    /** Folds a word as the chain does before it looks for compound parts. */
    static String fold(String word) {
        char[] in = word.toLowerCase(java.util.Locale.ROOT).toCharArray();
        char[] out = new char[in.length * 4];
        int length = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, length);
    }

    static UncheckedIOException unexpected(IOException e) {
        return new UncheckedIOException("text analysis of an in-memory string failed", e);
    }
}
