package se.foubot.channels.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import se.foubot.messaging.Notice;
import se.foubot.messaging.NoticeChannel;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.LogText;
import se.foubot.store.Holder;
import se.foubot.store.LeasedQueue;
import se.foubot.store.StoreIndexes;

/**
 * Notices by Slack: queued in the {@code slack_outbox} collection and posted from there, the ts recorded with
 * the item, so a restart or a second replica posts each notice once.
 */
@Component
@ConditionalOnSlack
public class SlackNotices implements NoticeChannel, StoreIndexes {

    static final String COLLECTION = "slack_outbox";

    private static final Logger log = LoggerFactory.getLogger(SlackNotices.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int MAX_ATTEMPTS = 10;

    private final LeasedQueue queue;
    private final SlackApi api;
    private final Clock clock;
    /** This process's name on the notices it holds, by this process's id (see {@link Holder}). */
    private final Holder holder;
    private final String worker;

    SlackNotices(MongoTemplate mongo, SlackApi api, Clock clock, se.foubot.store.ProcessBoot boot) {
        this.holder = new Holder("slack", boot);
        this.worker = holder.name();
        this.queue = new LeasedQueue(mongo, clock, COLLECTION);
        this.api = api;
        this.clock = clock;
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        queue.ensureIndexes(mongo);
    }

    @Override
    public String name() {
        return Recipient.SLACK;
    }

    @Override
    public boolean queue(String key, String address, Notice notice) {
        // a notice is plain text, and part of it may come from outside (a meeting's title, a district's words): escaped,
        // so that nothing in it becomes a live @channel, a mention or a link that shows other words than it goes to
        return queue.enqueue(key, new Document("to", address).append("text", SlackText.escape(notice.text())));
    }

    /**
     * Queues a post to {@code channel} (a person's id for their DM), in the thread {@code threadTs} when not null, once
     * under {@code key}, and posts what is due at once on {@code worker}: a Slack that is away, or a process killed
     * meanwhile, leaves it queued, not lost. @return false if queued before
     */
    public boolean queuePost(String key, String channel, String threadTs, String text, java.util.concurrent.Executor worker) {
        boolean queued = queue.enqueue(key, new Document("to", channel).append("thread", threadTs).append("text", text));
        try {
            worker.execute(() -> {
                try {
                    postDue();
                } catch (RuntimeException storeAway) {
                    log.warn("event=slack_notices_deferred rule={}", storeAway.getClass().getSimpleName());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            // the workers' queue is full: the next scheduled round posts it
            log.info("event=slack_notice_left_for_next_round key={}", LogText.clean(key));
        }
        return queued;
    }

    @Override
    public Set<String> queueAll(List<Queued> notices) {
        Map<String, Document> items = new LinkedHashMap<>();
        for (Queued n : notices) {
            items.putIfAbsent(n.key(), new Document("to", n.address()).append("text", n.notice().text()));
        }
        return queue.enqueueAll(items);
    }

    /** Posts what is due. @return how many were posted */
    @Scheduled(fixedDelayString = "${foubot.slack.outbox-interval}", initialDelayString = "${foubot.slack.outbox-interval}")
    public int postDue() {
        // what the process before this one held when it died goes out now, not after its lease; a store that is away
        // throws here as below, and it is tried again next time
        Holder.TakenBack back = holder.takeBackFrom(queue);
        if (back != null && back.count() > 0) {
            log.info("event=slack_notices_taken_back count={} from={}", back.count(), back.from());
        }
        int posted = 0;
        List<String> due = queue.takeable(100);
        for (String key : due) {
            Document item = queue.take(key, worker, clock.instant().plus(LEASE));
            if (item == null) {
                continue;
            }
            try {
                String ts = api.post(item.getString("to"), item.getString("thread"), item.getString("text"), null);
                queue.markSent(key, worker, new Document("ts", ts));
                posted++;
            } catch (SlackApi.SlackCallFailed e) {
                int attempts = item.getInteger("attempts", 0) + 1;
                queue.markFailed(key, worker, attempts, clock.instant().plus(Duration.ofSeconds(30L * attempts)),
                        attempts >= MAX_ATTEMPTS, e.getMessage());
                log.warn("event=slack_notice_failed key={} attempt={} reason=\"{}\"", key, attempts, LogText.clean(e.getMessage()));
                break; // Slack is away: the rest waits for the next round rather than each sitting out its retries
            }
        }
        return posted;
    }
}
