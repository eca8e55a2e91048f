package se.foubot.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart as the page's script draws it (web/charts.js reads it as JSON from the canvas): categories along one axis,
 * one series per dataset. The same numbers are always in a table beside it.
 *
 * @param type       "bar" or "line"
 * @param stacked    bars of a category on top of each other
 * @param horizontal bars lying down (long category names: districts)
 * @param unit       what the values are, for the value axis ("uppdrag", "timmar")
 */
public record Chart(String type, List<String> labels, List<Series> datasets, boolean stacked, boolean horizontal, String unit) {

    /** One series; {@code data} has one value per label (null: no value). */
    public record Series(String label, List<Number> data, String color) {
    }

    /** Colours with at least 3:1 contrast against the white page (WCAG 1.4.11), told apart by more than hue. */
    static final String OPEN = "#a14a00";
    static final String CLAIMED = "#1f5fa8";
    static final String CLOSED = "#2e6b30";
    static final List<String> PALETTE = List.of("#1f5fa8", "#a14a00", "#2e6b30", "#6a1b9a", "#9c1c1c", "#00695c", "#4e4e4e");

    static Chart bars(List<String> labels, String unit) {
        return new Chart("bar", labels, new ArrayList<>(), false, false, unit);
    }

    static Chart lines(List<String> labels, String unit) {
        return new Chart("line", labels, new ArrayList<>(), false, false, unit);
    }

    Chart with(String label, List<? extends Number> data, String color) {
        datasets.add(new Series(label, java.util.Collections.unmodifiableList(new ArrayList<Number>(data)), color));
        return this;
    }

    Chart stackedBars() {
        return new Chart(type, labels, datasets, true, horizontal, unit);
    }

    Chart lying() {
        return new Chart(type, labels, datasets, stacked, true, unit);
    }
}
