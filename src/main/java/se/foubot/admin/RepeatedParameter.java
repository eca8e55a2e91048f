package se.foubot.admin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A parameter of an address given several times ({@code ?date=2027-08-11&date=2027-08-11}): Spring hands it to a
 * {@code String} as its values joined with commas, which every reader then took for one value badly written (black-box
 * testers' findings, for years and dates). The same value repeated is that value; different ones are said to be so.
 */
public final class RepeatedParameter {

    /** The longest value {@link #givenTwice} repeats. */
    private static final int SHOWN = 12;

    private RepeatedParameter() {
    }

    /**
     * The values written, each once, in the order written; empty when none is.
     *
     * @param same what makes two values one: their meaning once they are valid (the year 2025 written "02025"), not
     *             only their text
     */
    public static List<String> values(String requested, Function<String, Object> same) {
        if (requested == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (String value : requested.split(",")) {
            String v = value.strip();
            if (!v.isEmpty() && seen.add(same.apply(v))) {
                values.add(v);
            }
        }
        return List.copyOf(values);
    }

    /**
     * Why a value is not read when the address gives several: "{what} står två gånger i adressen, med olika värden:
     * 2025 och 2026." Each value as written, cut short, since anything can be written there.
     *
     * @param what the parameter as the sentence begins with it: "Året", "Datumet"
     */
    public static String givenTwice(String what, List<String> written) {
        List<String> shown = written.stream().map(v -> v.length() <= SHOWN ? v : v.substring(0, SHOWN) + "…").toList();
        String values = String.join(", ", shown.subList(0, shown.size() - 1)) + " och " + shown.get(shown.size() - 1);
        return what + " står " + (shown.size() == 2 ? "två" : "flera") + " gånger i adressen, med olika värden: " + values + ".";
    }
}
