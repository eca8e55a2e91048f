package se.foubot.channels.slack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

import se.foubot.deadletter.DeadLetters;
import se.foubot.privacy.LogText;
import se.foubot.store.LocalJournal;

/**
 * What the ack waits for instead of the store: Slack work is put in a small journal file of its own and forced to
 * disk (an fsync of that file alone, shared by the acks that arrive together), then acknowledged; a recorder thread
 * moves it from there into {@code slack_inbox} in batches (one insert, one commit of the store for many acks) and
 * hands it to the workers. The store's commit — which every worker's write shares, and which waits for the commands in
 * hand — is no longer in the ack's way, nor is a store that is down for a minute: the work waits in the journal and is
 * moved once the store answers again. After a crash, what the journal still holds is moved at start; work moved twice
 * is recorded once ({@code slack_inbox} is keyed by it), so a repeated delivery is dropped there.
 *
 * <p>Used with the embedded store, whose data directory (and so this file) belongs to one process. With a MongoDB
 * of its own the bot records in {@code slack_inbox} before the ack as before: a replica's local file could be lost
 * with its pod, and MongoDB's commit is not shared with an in-process store's other writers.
 */
final class SlackAckJournal implements AutoCloseable {

    static final String FILE_NAME = "slack-acks.log";
    /** Where versions before the append-only journal kept it: what it still holds is taken over at start. */
    static final String EARLIER_FILE_NAME = "slack-acks.mv";
    private static final Logger log = LoggerFactory.getLogger(SlackAckJournal.class);
    private static final int BATCH = 500;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    static final int ATTEMPTS = 3;

    /** Work in the journal, under its number there. */
    private record Entry(long number, SlackInbox.Work work) {
    }

    private final LocalJournal file;
    private final BlockingDeque<Entry> toRecord = new LinkedBlockingDeque<>();
    private final Map<Long, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stopped;
    private Thread recorder;

    SlackAckJournal(Path dataDir) {
        this.file = LocalJournal.open(dataDir.resolve(FILE_NAME), dataDir.resolve(EARLIER_FILE_NAME));
    }

    /** Puts the work on disk; returns once it is there. */
    void put(SlackInbox.Work work) {
        long number;
        try {
            number = file.put(toJson(work));
        } catch (RuntimeException e) {
            // the ack's caller treats it as the store being away: nothing is acknowledged as recorded
            throw new DataAccessResourceFailureException("the Slack ack journal could not be written", e);
        }
        toRecord.add(new Entry(number, work));
    }

    /** Acknowledged work not yet in {@code slack_inbox}. */
    int pending() {
        return toRecord.size();
    }

    /**
     * Starts moving work into the inbox with {@code record} (which must record all it is given, or throw): first what
     * an earlier process left in the journal, then what is put from now on. A piece the store refuses
     * {@value #ATTEMPTS} times (not an outage, which is waited out) goes to {@code refused} and out of the journal.
     */
    synchronized void start(Consumer<List<SlackInbox.Work>> record, BiConsumer<SlackInbox.Work, RuntimeException> refused) {
        List<Entry> left = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        // what was put since this process opened the journal is queued already
        java.util.Set<Long> queued = new java.util.HashSet<>();
        toRecord.forEach(e -> queued.add(e.number()));
        file.entries().forEach((number, json) -> {
            if (queued.contains(number)) {
                return;
            }
            try {
                left.add(new Entry(number, fromJson(json)));
            } catch (RuntimeException e) {
                unreadable.add(number);
            }
        });
        if (!unreadable.isEmpty()) {
            log.error("event=slack_ack_journal_unreadable entries={}", unreadable.size());
            file.remove(unreadable);
        }
        if (!left.isEmpty()) {
            log.info("event=slack_ack_journal_left_work entries={}", left.size());
            for (int i = left.size() - 1; i >= 0; i--) {
                toRecord.addFirst(left.get(i));
            }
        }
        stopped = false;
        recorder = new Thread(() -> recordUntilStopped(record, refused), "slack-ack-recorder");
        recorder.setDaemon(true);
        recorder.setPriority(Thread.MIN_PRIORITY); // after the ack, like the workers (SlackWorkers)
        recorder.start();
    }

    private void recordUntilStopped(Consumer<List<SlackInbox.Work>> record, BiConsumer<SlackInbox.Work, RuntimeException> refused) {
        Duration pause = FIRST_PAUSE;
        boolean away = false;
        while (!stopped) {
            List<Entry> batch = new ArrayList<>();
            try {
                Entry first = toRecord.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                toRecord.drainTo(batch, BATCH - 1);
                batch = recordAll(batch, record);
                if (batch.isEmpty()) {
                    if (away) {
                        log.info("event=slack_ack_journal_recording_again");
                        away = false;
                    }
                    pause = FIRST_PAUSE;
                    continue;
                }
            } catch (InterruptedException e) {
                giveBack(batch);
                Thread.currentThread().interrupt();
                return;
            } catch (Failed failed) {
                batch = failed.left;
                RuntimeException e = failed.error;
                Entry head = batch.get(0);
                if (!DeadLetters.isOutage(e) && failures.merge(head.number(), 1, Integer::sum) >= ATTEMPTS) {
                    // the store refuses this piece itself, not for a while: it must not hold up all that follows
                    failures.remove(head.number());
                    refused.accept(head.work(), e);
                    file.remove(List.of(head.number()));
                    giveBack(batch.subList(1, batch.size()));
                    continue;
                }
                giveBack(batch);
                if (!away) {
                    log.warn("event=slack_ack_journal_recording_waits entries={} reason=\"{}\"", toRecord.size(),
                            LogText.clean(e.getClass().getSimpleName() + ": " + e.getMessage()));
                    away = true;
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** What could not be recorded: from the piece that failed on, in order. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Entry> left;
        private final transient RuntimeException error;

        Failed(List<Entry> left, RuntimeException cause) {
            super(null, null, false, false);
            this.left = left;
            this.error = cause;
        }
    }

    /**
     * Records the batch in one insert; when the store refuses it (not an outage), one piece at a time in order, to find
     * the one it refuses. @return nothing left (all recorded and taken out of the journal)
     */
    private List<Entry> recordAll(List<Entry> batch, Consumer<List<SlackInbox.Work>> record) throws Failed {
        try {
            record.accept(batch.stream().map(Entry::work).toList());
            file.remove(batch.stream().map(Entry::number).toList());
            return List.of();
        } catch (RuntimeException e) {
            if (DeadLetters.isOutage(e) || batch.size() == 1) {
                throw new Failed(batch, e);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            Entry one = batch.get(i);
            try {
                record.accept(List.of(one.work()));
                file.remove(List.of(one.number()));
            } catch (RuntimeException e) {
                throw new Failed(new ArrayList<>(batch.subList(i, batch.size())), e);
            }
        }
        return List.of();
    }

    private void giveBack(List<Entry> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            toRecord.addFirst(batch.get(i));
        }
    }

    /** Stops moving work; what is still in the journal is moved by the next start. */
    synchronized void stop() {
        stopped = true;
        if (recorder != null) {
            recorder.interrupt();
            try {
                recorder.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recorder = null;
        }
    }

    @Override
    public void close() {
        stop();
        file.close();
    }

    private static String toJson(SlackInbox.Work work) {
        Document d = new Document("key", work.key()).append("kind", work.kind()).append("params", new Document(new HashMap<>(work.params())));
        if (work.eventId() != null) {
            d.append("eventId", work.eventId());
        }
        return d.toJson();
    }

    private static SlackInbox.Work fromJson(String json) {
        Document d = Document.parse(json);
        Map<String, String> params = new HashMap<>();
        d.get("params", Document.class).forEach((k, v) -> params.put(k, v == null ? null : v.toString()));
        return new SlackInbox.Work(d.getString("key"), d.getString("kind"), params, d.getString("eventId"));
    }
}
