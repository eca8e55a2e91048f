package se.foubot.support;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Text as hostile input: any code point (control characters, lone surrogates, emoji), Swedish words, dates and
 * counts in every shape with numbers far out of range, labelled lines as people write them in mail — mixed, so
 * that a parser meets both garbage and almost-right input.
 */
public final class HostileText {

    private static final List<String> WORDS = List.of("inom", "veckor", "vecka", "månader", "within", "weeks", "senast", "Senast:",
            "Förvaltning:", "Typ av stöd:", "Needed by:", "mars", "march", "feb", "29", "31", "februari", "i morgon", "idag",
            "12:e", "1st", "of", "2027-02-30", "31/2", "12.3.2027", "0/0", "-1", "+46", "ja", "nej", "JA!", "yes", "kanske",
            "Bromma", "Hägersten-Älvsjö", "Skarpnäck", "Skärholmen", "uppföljning", "vet inte", "ingen brådska", "{", "}", "\\",
            "%", "$", "\u00a0", "\u2013", "\u202e", "😀", "\ud800", "\n", "\r\n", "\t", ":", "=", ">", "> ", "kr", "st");

    private HostileText() {
    }

    /** A number as people might write one: small, huge, negative, with spaces or leading zeros. */
    public static Gen<String> numbers() {
        return Generate.oneOf(integers().between(-5, 40).map((Integer n) -> String.valueOf(n)),
                longs().all().map((Long n) -> String.valueOf(n)),
                integers().between(1, 40).map(n -> "9".repeat(n)), integers().between(1, 30).map(n -> "0".repeat(n) + "1"),
                longs().between(0, 999_999_999L).map(n -> String.format("%,d", n).replace(',', ' ')));
    }

    public static Gen<String> text() {
        Gen<String> words = lists().of(Generate.oneOf(Generate.pick(WORDS), numbers())).ofSizeBetween(0, 14)
                .map(w -> String.join(" ", w));
        Gen<String> templates = Generate.oneOf(
                numbers().map(n -> "inom " + n + " veckor"), numbers().map(n -> "within " + n + " months"),
                numbers().zip(numbers(), (d, m) -> d + "/" + m), numbers().zip(numbers(), (d, y) -> d + " mars " + y),
                numbers().zip(numbers(), (a, b) -> a + "-" + b + "-" + a), numbers().map(n -> "Senast: " + n + " dagar"),
                numbers().map(n -> "Förvaltning: " + n + "\nTyp av stöd: " + n + "\nSenast: " + n));
        return Generate.oneOf(strings().allPossible().ofLengthBetween(0, 60), strings().basicLatinAlphabet().ofLengthBetween(0, 80),
                words, templates);
    }
}
