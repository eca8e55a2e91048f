package se.foubot.web;

import java.util.List;
import java.util.SortedSet;

import se.foubot.admin.AskedYear;

/**
 * The year a page shows: the one asked for when there are figures for it, else the latest. The request parameter is
 * read as text, so that {@code ?year=abc} from a hand-edited address gives the page with a notice, not an error.
 */
final class Years {

    private Years() {
    }

    static int pick(String requested, SortedSet<Integer> available) {
        Integer year = parse(requested);
        return year != null && available.contains(year) ? year : available.last();
    }

    /**
     * As {@link #pick(String, SortedSet)}, but this year rather than the latest when none is asked for (or the one asked
     * for has no figures): a page of planned things (the forum's meetings) has figures for next year long before this
     * year's are over.
     */
    static int pick(String requested, SortedSet<Integer> available, int thisYear) {
        Integer year = parse(requested);
        return year != null && available.contains(year) ? year : available.contains(thisYear) ? thisYear : available.last();
    }

    /** What the page tells when it shows another year than the one asked for; null when it shows that year. */
    static String notice(String requested, int shown) {
        List<String> written = AskedYear.written(requested);
        if (written.isEmpty()) {
            return null;
        }
        if (written.size() > 1) {
            return AskedYear.givenTwice(written) + " Sidan visar " + shown + ".";
        }
        Integer year = parse(requested);
        if (year == null) {
            return "Året ska skrivas med fyra siffror, till exempel " + shown + ". Sidan visar " + shown + ".";
        }
        return year == shown ? null : "Det finns inga siffror för " + year + ". Sidan visar " + shown + ".";
    }

    /** The year asked for, read as {@link AskedYear#written} reads it (a year repeated in the address is that year). */
    private static Integer parse(String requested) {
        List<String> written = AskedYear.written(requested);
        if (written.size() != 1 || !written.get(0).matches("\\d{4}")) {
            return null;
        }
        return Integer.valueOf(written.get(0));
    }

    static List<Integer> newestFirst(SortedSet<Integer> years) {
        java.util.List<Integer> list = new java.util.ArrayList<>(years);
        java.util.Collections.reverse(list);
        return list;
    }
}
