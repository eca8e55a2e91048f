package se.foubot.web;

import java.util.SortedSet;

/** The year a page shows: the one asked for when there are figures for it, else the latest. */
final class Years {

    private Years() {
    }

    static int pick(Integer requested, SortedSet<Integer> available) {
        return requested != null && available.contains(requested) ? requested : available.last();
    }

    static java.util.List<Integer> newestFirst(SortedSet<Integer> years) {
        java.util.List<Integer> list = new java.util.ArrayList<>(years);
        java.util.Collections.reverse(list);
        return list;
    }
}
