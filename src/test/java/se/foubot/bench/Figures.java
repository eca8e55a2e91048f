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

    /** A clock tick of {@code /proc/stat} and {@code /proc/<pid>/task/<tid>/stat} (USER_HZ, 100 on Linux). */
    private static final long TICK_NANOS = 10_000_000L;

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

    /**
     * The whole machine's CPU time so far (Linux {@code /proc/stat}): what another process (a mail server on loopback)
     * used counts too, so that two parts of a benchmark can be told apart by how much of the machine they left idle.
     */
    public record CpuTicks(long busy, long idle, long processNanos, long softirq) {

        public static CpuTicks now() {
            long process = processCpuNanos();
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                long all = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    all += Long.parseLong(f[i]);
                }
                return new CpuTicks(all - idle, idle, process, Long.parseLong(f[7]));
            } catch (IOException | RuntimeException e) {
                return new CpuTicks(0, 0, process, 0);
            }
        }

        /** CPU milliseconds this JVM, and the rest of the machine, used per operation since {@code before}. */
        public double[] msPerOperation(CpuTicks before, long operations) {
            double jvm = (processNanos - before.processNanos) / 1e6;
            double all = (busy - before.busy) * (TICK_NANOS / 1e6);
            return new double[] {jvm / operations, Math.max(0, all - jvm) / operations};
        }

        /**
         * CPU milliseconds per operation since {@code before} that the kernel spent in software interrupts (on loopback:
         * the network stack's work for both ends of every TCP connection), counted in no process's time.
         */
        public double softirqMsPerOperation(CpuTicks before, long operations) {
            return (softirq - before.softirq) * (TICK_NANOS / 1e6) / operations;
        }

        /** The share of the machine left idle since {@code before}, or NaN where it cannot be read. */
        public double idleSince(CpuTicks before) {
            long busy = this.busy - before.busy;
            long idle = this.idle - before.idle;
            return busy + idle == 0 ? Double.NaN : (double) idle / (busy + idle);
        }
    }

    /**
     * CPU ticks of every other process on the machine, by its name: its own time, and under "name (reaped children)" the
     * time of its children that ended and were reaped meanwhile (a mail server's short-lived workers), so that what
     * the rest of the machine did can be told apart (the mail server's processes, the kernel's threads that write the
     * store's file to disk). Linux only; empty elsewhere.
     */
    public static java.util.Map<String, Long> otherProcessTicks() {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                if (Long.parseLong(dir.getFileName().toString()) == self) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                // the kernel's workers are named for the job they hold at the moment (writeback, ext4 conversions, RCU)
                name = name.startsWith("kworker") ? "kworker" : name.replaceAll("[0-9/:]+$", "");
                String[] f = stat.substring(close + 2).split(" ");
                // after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
                ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
                if (children > 0) {
                    ticks.merge(name + " (reaped children)", children, Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return java.util.Map.of();
        }
        return ticks;
    }

    /** CPU milliseconds per operation of each process name between two {@link #otherProcessTicks} looks. */
    public static java.util.Map<String, Double> msPerOperationByProcess(java.util.Map<String, Long> before,
            java.util.Map<String, Long> after, long operations) {
        java.util.Map<String, Double> ms = new java.util.TreeMap<>();
        after.forEach((name, t) -> {
            long used = t - before.getOrDefault(name, 0L);
            if (used > 0) {
                ms.put(name, used * (TICK_NANOS / 1e6) / operations);
            }
        });
        return ms;
    }

    /** A part of a benchmark's warm-up: one round of the work it measures. */
    public interface Round {
        void run() throws Exception;
    }

    /**
     * Repeats {@code round} until the JIT compilers have little left to do — until, during a round, they used less
     * than 5 % of this JVM's CPU or less than 1 % of the machine's (a light load such as 200 Slack events a second
     * leaves the compilers a large share of little) — at least {@code minRounds} and at most {@code maxRounds} times.
     * A fixed, short warm-up left the compilers at work through the measured rounds (in the fan-out benchmark their
     * CPU per mail was three times the store's in the first measured round and still more than the store's in the
     * third), so figures moved from round to round and fell on whichever part ran while they worked. Where the
     * compilers' CPU cannot be read (not Linux), {@code minRounds}.
     *
     * @return one line for the output: how many rounds, and the compilers' share in the last
     */
    public static String warmUp(int minRounds, int maxRounds, Round round) throws Exception {
        double ofProcess = Double.NaN;
        double ofMachine = Double.NaN;
        int rounds = 0;
        while (rounds < maxRounds) {
            long compilers = compilerCpuNanos();
            long process = processCpuNanos();
            long start = System.nanoTime();
            round.run();
            rounds++;
            long compiled = compilerCpuNanos() - compilers;
            long used = processCpuNanos() - process;
            double capacity = (double) (System.nanoTime() - start) * Runtime.getRuntime().availableProcessors();
            ofProcess = compilers < 0 || used <= 0 ? Double.NaN : (double) compiled / used;
            ofMachine = compilers < 0 ? Double.NaN : compiled / capacity;
            if (rounds >= minRounds && (Double.isNaN(ofProcess) || ofProcess < 0.05 || ofMachine < 0.01)) {
                break;
            }
        }
        return Double.isNaN(ofProcess) ? String.format("warm-up: %d rounds", rounds)
                : String.format("warm-up: %d rounds; in the last, the JIT compilers used %.0f %% of this JVM's CPU, %.1f %% of the machine's",
                        rounds, ofProcess * 100, ofMachine * 100);
    }

    /**
     * A flight recording of the measured rounds only (not the warm-up) when {@code -Dfoubot.bench.jfr=<file>} names
     * a file; otherwise nothing. Close it after the rounds to write the file.
     */
    public static AutoCloseable recordMeasuredRounds(String part) throws Exception {
        String file = System.getProperty("foubot.bench.jfr");
        if (file == null || file.isBlank()) {
            return () -> { };
        }
        jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
        return () -> {
            recording.stop();
            Path out = Path.of(file.replace(".jfr", "-" + part.replaceAll("\\W+", "-") + ".jfr"));
            recording.dump(out);
            recording.close();
            System.out.println("flight recording of the measured rounds: " + out);
        };
    }

    /** CPU time this JVM has used so far, in nanoseconds. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of this JVM's JIT compiler threads so far (Linux: they are not Java threads), or -1 where unknown. */
    public static long compilerCpuNanos() {
        java.util.Map<String, Long> byGroup = cpuNanosByThreadGroup();
        if (byGroup.isEmpty()) {
            return -1;
        }
        return byGroup.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre")).mapToLong(java.util.Map.Entry::getValue).sum();
    }

    /**
     * CPU time so far of each group of this JVM's threads, JVM-internal ones included (the collector, the JIT compilers;
     * Linux), by the thread's name with its numbers taken out ("smtp-connection-3" counts under "smtp-connection-");
     * empty where it cannot be read. A thread that has ended no longer counts, so compare groups whose threads live.
     */
    public static java.util.Map<String, Long> cpuNanosByThreadGroup() {
        java.util.Map<String, Long> byGroup = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "");
                    // nanoseconds on a CPU; stat's utime and stime count whole ticks, too coarse for a round's share
                    long onCpu = Long.parseLong(Files.readString(task.resolve("schedstat")).strip().split(" ")[0]);
                    byGroup.merge(name, onCpu, Long::sum);
                } catch (IOException | RuntimeException threadGone) {
                    // a thread that ended between the listing and the read used nothing more
                }
            }
        } catch (IOException | RuntimeException e) {
            return java.util.Map.of();
        }
        return byGroup;
    }

    public static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
