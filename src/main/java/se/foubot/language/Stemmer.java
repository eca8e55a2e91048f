package se.foubot.language;

import java.util.Arrays;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.apache.lucene.analysis.sv.SwedishMinimalStemFilter;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

import se.foubot.conversation.Language;

/** The stemmers Lucene offers per language; which one a language uses is data (its language file). */
enum Stemmer {
    SWEDISH_SNOWBALL(Language.SV, "snowball"),
    SWEDISH_LIGHT(Language.SV, "light"),
    SWEDISH_MINIMAL(Language.SV, "minimal"),
    ENGLISH_PORTER(Language.EN, "porter"),
    ENGLISH_SNOWBALL(Language.EN, "snowball"),
    ENGLISH_MINIMAL(Language.EN, "minimal");

    private final Language language;
    private final String id;

    Stemmer(Language language, String id) {
        this.language = language;
        this.id = id;
    }

    String id() {
        return id;
    }

    static Stemmer named(Language language, String name) {
        return Arrays.stream(values()).filter(s -> s.language == language && s.id.equals(name)).findFirst().orElse(null);
    }

    static List<String> names(Language language) {
        return Arrays.stream(values()).filter(s -> s.language == language).map(Stemmer::id).toList();
    }

    static List<Stemmer> of(Language language) {
        return Arrays.stream(values()).filter(s -> s.language == language).toList();
    }

    TokenStream wrap(TokenStream in) {
        return switch (this) {
            case SWEDISH_SNOWBALL -> new SnowballFilter(in, new SwedishStemmer());
            case SWEDISH_LIGHT -> new SwedishLightStemFilter(in);
            case SWEDISH_MINIMAL -> new SwedishMinimalStemFilter(in);
            case ENGLISH_PORTER -> new PorterStemFilter(in);
            case ENGLISH_SNOWBALL -> new SnowballFilter(in, new EnglishStemmer());
            case ENGLISH_MINIMAL -> new EnglishMinimalStemFilter(in);
        };
    }
}
