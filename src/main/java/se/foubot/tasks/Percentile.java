package se.foubot.tasks;

import java.util.List;

/**
 * Percentiles as spreadsheets compute them (PERCENTILE.INC: linear between the two nearest ranks), so the figures on
 * the pages match what an analyst gets from the exported times.
 */
final class Percentile {

    private Percentile() {
    }

    /** The {@code q} quantile (0..1) of {@code values}; null when there are none. */
    static Double of(List<Double> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
