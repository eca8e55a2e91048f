package se.foubot.channels.email;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.foubot.conversation.ChoiceMatcher;
import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.DateAnswerParser;
import se.foubot.conversation.TextNormalizer;

/**
 * Reads the intake facts out of a free-text mail: the district (by the sender, per data, or named in the signature
 * or the text), the kind
 * of support (a "Typ av stöd:" line, or sorted from the text), and when it is needed (a date, "inom två
 * veckor", or "ingen brådska"). What is unclear stays unknown, to be asked for.
 */
final class EmailFactReader {

    private static final Pattern LABELLED = Pattern.compile("(?im)^\\s*(förvaltning|stadsdel|district|administration|"
            + "typ av stöd|stöd|kind of support|support|senast|när|datum|behövs senast|by|needed by|deadline)\\s*[:=]\\s*(.+)$");
    private static final Pattern NO_RUSH = Pattern.compile("(?i)(ingen brådska|ingen tidsgräns|inget datum|när ni hinner|no rush|"
            + "no deadline|whenever)");
    private static final Set<String> DONT_KNOW = Set.of("vet inte", "vet ej", "osäker", "don't know", "dont know", "not sure");

    private final List<ChoiceOption> districts;
    private final List<ChoiceOption> categories;
    private final Function<String, String> categoryOf;
    private final Map<String, String> senderDistricts;

    /** @param senderDistricts whole address or domain to district id (rules/sender-districts.yaml) */
    /** @param categoryOf the category a request's words sort into, null when people must sort it */
    EmailFactReader(List<ChoiceOption> districts, List<ChoiceOption> categories, Function<String, String> categoryOf,
            Map<String, String> senderDistricts) {
        this.districts = districts;
        this.categories = categories;
        this.categoryOf = categoryOf;
        this.senderDistricts = senderDistricts;
    }

    /** The district a sender's address or domain tells, if the data says so. */
    String bySender(String sender) {
        if (sender == null) {
            return null;
        }
        String address = sender.toLowerCase();
        String district = senderDistricts.get(address);
        return district != null ? district : senderDistricts.get(address.substring(address.indexOf('@') + 1));
    }

    EmailFacts read(String sender, String subject, String text, String signature, LocalDate today) {
        String all = (subject == null ? "" : subject) + "\n" + text;
        String district = null;
        String category = null;
        boolean categoryGiven = false;
        LocalDate neededBy = null;
        boolean timeframeGiven = false;
        Matcher labelled = LABELLED.matcher(text);
        while (labelled.find()) {
            String label = labelled.group(1).toLowerCase();
            String value = labelled.group(2).strip();
            if (label.matches("förvaltning|stadsdel|district|administration")) {
                district = pick(districts, value);
            } else if (label.matches("typ av stöd|stöd|kind of support|support")) {
                if (DONT_KNOW.contains(value.toLowerCase())) {
                    categoryGiven = true;
                } else {
                    category = pick(categories, value);
                    categoryGiven = category != null;
                }
            } else {
                Timeframe t = timeframe(value, today);
                if (t != null) {
                    neededBy = t.date();
                    timeframeGiven = true;
                }
            }
        }
        if (district == null) {
            district = bySender(sender);
        }
        if (district == null) {
            district = mentioned(signature);
        }
        if (district == null) {
            district = mentioned(all);
        }
        if (!categoryGiven) {
            String sorted = categoryOf.apply(all);
            if (sorted != null) {
                category = sorted;
                categoryGiven = true;
            }
        }
        if (!timeframeGiven) {
            Timeframe t = timeframe(all, today);
            if (t != null) {
                neededBy = t.date();
                timeframeGiven = true;
            }
        }
        String concern = LABELLED.matcher(text).replaceAll("").strip();
        return new EmailFacts(district, category, categoryGiven, neededBy, timeframeGiven, concern.isEmpty() ? null : concern);
    }

    private static String pick(List<ChoiceOption> options, String value) {
        return ChoiceMatcher.match(options, value) instanceof ChoiceMatcher.Picked p ? p.option().id() : null;
    }

    /** The one district the text names (as a word or the start of one: "Skarpnäcks"); null for none or several. */
    private String mentioned(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String folded = " " + TextNormalizer.normalize(text) + " ";
        Set<String> found = new LinkedHashSet<>();
        for (ChoiceOption d : districts) {
            for (String name : d.matchNames()) {
                if (name.length() >= 4 && (folded.contains(" " + name + " ") || folded.contains(" " + name + "s "))) {
                    found.add(d.id());
                }
            }
        }
        return found.size() == 1 ? found.iterator().next() : null;
    }

    private record Timeframe(LocalDate date) {
    }

    private static Timeframe timeframe(String text, LocalDate today) {
        if (NO_RUSH.matcher(text).find()) {
            return new Timeframe(null);
        }
        // the same reading of dates as the chat's date step: "inom två veckor", "senast 12 mars", "före midsommar"
        return DateAnswerParser.find(text, today).map(Timeframe::new).orElse(null);
    }
}
