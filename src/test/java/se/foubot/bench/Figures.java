package se.foubot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/** Latency samples and the few numbers a benchmark prints about them. */
public final class Figures {

    private Figures() {
    }

    /** What one measured run gives: operations per second and latency percentiles in milliseconds. */
    public record Run(String name, long operations, double seconds, double p50, double p99) {

        public double perSecond() {
            return operations / seconds;
        }

        public String row() {
            return String.format("%-44s %9d ops %9.0f ops/s   p50 %7.3f ms   p99 %7.3f ms", name, operations, perSecond(),
                    p50, p99);
        }
    }

    /** A task a worker repeats; it returns the latencies (nanoseconds) of the operations it did. */
    public interface Work {
        long[] run(int worker) throws Exception;
    }

    /** Runs {@code work} on {@code threads} workers started together; merges their latencies. */
    public static Run measure(String name, int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            Callable<long[]> task = () -> {
                gate.await();
                return work.run(worker);
            };
            futures.add(pool.submit(task));
        }
        long start = System.nanoTime();
        gate.countDown();
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        for (Future<long[]> f : futures) {
            all.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Run(name, merged.length, seconds, percentile(merged, 50), percentile(merged, 99));
    }

    public static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** Resident memory of this process in MiB (Linux), or -1 where /proc is not there. */
    public static long residentMemoryMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** How many measured rounds a benchmark runs ({@code -Dfoubot.bench.rounds}, default 5), after its warm-up. */
    public static int rounds() {
        return Integer.getInteger("foubot.bench.rounds", 5);
    }

    /** The smallest, middle and largest value of one figure over several rounds. */
    public record Spread(double min, double median, double max) {

        public static Spread of(double... values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Spread(sorted[0], median, sorted[n - 1]);
        }

        public static Spread of(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
            return of(runs.stream().mapToDouble(figure).toArray());
        }

        /** e.g. "12.3 (11.0–14.1)": the median, then min–max. */
        public String format(String number) {
            return String.format(number + " (" + number + "–" + number + ")", median, min, max);
        }

        /** How far the rounds lie apart, as a share of the median: the 20 % two runs should agree within. */
        public double scatter() {
            return median == 0 ? 0 : (max - min) / median;
        }
    }

    /** One line for several rounds of the same measurement: median (min–max) of ops/s, p50 and p99. */
    public static String row(String name, List<Run> runs) {
        return String.format("%-44s %2d rounds  %s ops/s   p50 %s ms   p99 %s ms", name, runs.size(),
                Spread.of(runs, Run::perSecond).format("%.0f"), Spread.of(runs, Run::p50).format("%.2f"),
                Spread.of(runs, Run::p99).format("%.2f"));
    }

    /**
     * The product's figure divided by its baseline's, round by round (both measured in the same round, so the
     * machine's mood divides out): median (min–max).
     */
    public static Spread ratio(List<Run> product, List<Run> baseline, java.util.function.ToDoubleFunction<Run> figure) {
        double[] ratios = new double[Math.min(product.size(), baseline.size())];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = figure.applyAsDouble(product.get(i)) / figure.applyAsDouble(baseline.get(i));
        }
        return Spread.of(ratios);
    }

    /** The machine's load average and cores, printed beside the figures (a shared machine gives other figures). */
    public static String machine() {
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            // not Linux: the load stays unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores, load average " + load;
    }

    public static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
