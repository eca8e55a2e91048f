package se.foubot.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.FlowCatalog;

/** The names people read for the ids the figures use: districts and categories, as the flow lists call them. */
@Component
class Labels {

    /** What the figures call a district or category nobody gave (their id). */
    private static final String UNKNOWN = "okänd";

    private final Map<String, String> districts = new LinkedHashMap<>();
    private final Map<String, String> categories = new LinkedHashMap<>();

    Labels(FlowCatalog catalog) {
        catalog.list("districts").ifPresent(l -> l.options().forEach(o -> districts.put(o.id(), o.label().sv())));
        catalog.list("categories").ifPresent(l -> l.options().forEach(o -> categories.put(o.id(), shortLabel(o))));
    }

    /** A row's label: a district's name; "Okänd" (capitalised, as a row begins) when none was given. */
    String district(String id) {
        return districts.getOrDefault(id, id == null || UNKNOWN.equals(id) ? "Okänd" : id);
    }

    String category(String id) {
        return categories.getOrDefault(id, id == null || UNKNOWN.equals(id) ? "Okänd" : id);
    }

    /** Every district id in list order. */
    List<String> districtIds() {
        return List.copyOf(districts.keySet());
    }

    /** Every category id in list order. */
    List<String> categoryIds() {
        return List.copyOf(categories.keySet());
    }

    /** "Uppföljning (upplägg, indikatorer, mallar)" → "Uppföljning": the explanation is for the intake, not a chart. */
    private static String shortLabel(ChoiceOption o) {
        String sv = o.label().sv();
        int paren = sv.indexOf(" (");
        return paren > 0 ? sv.substring(0, paren) : sv;
    }
}
