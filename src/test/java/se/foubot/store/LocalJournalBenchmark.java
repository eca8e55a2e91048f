package se.foubot.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import se.foubot.bench.Figures;

/**
 * What one Slack ack's journal entry costs: a put (appended and forced to disk) from one thread, with the recorder's
 * removal of every 20 puts between, as at a steady trickle of acks (no fsync is shared then). CPU time is the calling
 * thread's, the kernel's work for the write and the fsync included. Prints figures; asserts nothing. The MVStore file
 * the journal was before cost 125–164 µs of CPU and 226–362 µs of wall time a put on the same machine (README, "Where an
 * event's time goes"). Run: {@code mvn -B -ntp test -Pbench -Dtest=LocalJournalBenchmark}.
 */
@Tag("benchmark")
class LocalJournalBenchmark {

    private static final int PUTS = 3000;
    /** A DM's work as the ack puts it: its key, kind and a message of some 600 characters. */
    private static final String ENTRY = "{\"key\":\"post:DU1:1765000000.000100\",\"kind\":\"message\",\"params\":{\"text\":\""
            + "hej ".repeat(150) + "\"}}";

    @Test
    void aPutAndItsFsyncFromOneThread() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 2; warm++) {
            round(threads);
        }
        List<Double> cpu = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        for (int round = 0; round < Figures.rounds(); round++) {
            double[] r = round(threads);
            cpu.add(r[0]);
            wall.add(r[1]);
        }
        System.out.println();
        System.out.println("== fou-bot Slack ack journal (" + PUTS + " puts a round, a removal of 20 after every 20, " + Figures.machine()
                + "); median (min–max) ==");
        System.out.println("CPU a put:  " + Figures.Spread.of(cpu.stream().mapToDouble(Double::doubleValue).toArray()).format("%.0f") + " µs");
        System.out.println("wall a put: " + Figures.Spread.of(wall.stream().mapToDouble(Double::doubleValue).toArray()).format("%.0f") + " µs");
        System.out.println();
    }

    /** @return CPU and wall time a put, in microseconds */
    private static double[] round(ThreadMXBean threads) throws Exception {
        Path dir = Files.createTempDirectory("foubot-journal-bench");
        try (LocalJournal journal = LocalJournal.open(dir.resolve("slack-acks.log"))) {
            List<Long> moved = new ArrayList<>();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < PUTS; i++) {
                moved.add(journal.put(ENTRY));
                if (moved.size() == 20) {
                    journal.remove(moved);
                    moved = new ArrayList<>();
                }
            }
            return new double[] {(threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / PUTS, (System.nanoTime() - wall0) / 1e3 / PUTS};
        }
    }
}
