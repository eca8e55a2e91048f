package se.foubot.tasks.slack;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackApi;
import se.foubot.channels.slack.SlackProperties;
import se.foubot.conversation.FlowCatalog;
import se.foubot.privacy.LogText;
import se.foubot.tasks.StaffPost;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskCategories;
import se.foubot.tasks.TaskChanged;
import se.foubot.tasks.TaskEvent;
import se.foubot.tasks.TaskService;

/**
 * Keeps each task's staff-channel message in step with MongoDB: posts it when the task is new, updates it
 * in place when the task changes, and writes the change into the message's thread. What fails (Slack down)
 * stays marked in MongoDB and is done by the periodic repost, on whichever replica gets there.
 */
@Component
@ConditionalOnSlack
class StaffChannelPublisher {

    private static final Logger log = LoggerFactory.getLogger(StaffChannelPublisher.class);
    /** Longer than a post with all of SlackApi's retries and Retry-After waits. */
    private static final Duration POST_TURN = Duration.ofMinutes(5);
    /** A card's mark in its metadata (people do not see it): the task it shows, so a process after a crash can find it. */
    static final String CARD = "staff-card:";
    /** How long before a task was made its card is looked for in the channel: the clocks of Slack and the bot may differ. */
    private static final Duration LOOK_BACK = Duration.ofHours(1);

    private final TaskService tasks;
    private final StaffPosts posts;
    private final TaskCategories categories;
    private final SlackApi api;
    private final SlackProperties properties;
    private final FlowCatalog catalog;
    private final ExecutorService workers;
    private final se.foubot.messaging.Texts texts;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    /** Per task, the last of its changes on their way to the channel: the next waits for it (see {@link #onTaskChanged}). */
    private final ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Void>> lastChange = new ConcurrentHashMap<>();

    StaffChannelPublisher(TaskService tasks, StaffPosts posts, TaskCategories categories, SlackApi api,
            SlackProperties properties, FlowCatalog catalog, ExecutorService slackWorkers, se.foubot.messaging.Texts texts) {
        this.texts = texts;
        this.tasks = tasks;
        this.posts = posts;
        this.categories = categories;
        this.api = api;
        this.properties = properties;
        this.catalog = catalog;
        this.workers = slackWorkers;
    }

    /**
     * One task's changes reach its thread in the order they happened, each after the one before it, on the workers: two
     * handed to the pool at once could otherwise take their turns the other way round ("the question went unanswered"
     * before "asked it"). A change that fails does not hold up the ones after it.
     */
    @EventListener
    void onTaskChanged(TaskChanged changed) {
        if (SlackProperties.has(properties.staffChannel())) {
            String reference = changed.task().reference();
            java.util.concurrent.CompletableFuture<Void> next = lastChange.compute(reference, (r, before) ->
                    (before == null ? java.util.concurrent.CompletableFuture.<Void>completedFuture(null) : before.exceptionally(e -> null))
                            .thenRunAsync(() -> sync(reference, changed.event()), workers));
            next.whenComplete((done, failed) -> {
                lastChange.remove(reference, next);
                if (failed != null) {
                    // left for the repost, which shows the task as it is then
                    Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
                    log.warn("event=staff_post_failed task={} rule={}", reference, cause.getClass().getSimpleName());
                }
            });
        }
    }

    /**
     * Posts or updates the message with the task as it is now; {@code event}, if any, goes into the thread.
     * @return false when Slack could not be reached (not when it refused this task's call), so the rest of a repost
     *         round waits for the next
     */
    boolean sync(String reference, TaskEvent event) {
        // one task at a time in this JVM, so a create and a quick claim cannot both post a first message
        synchronized (locks.computeIfAbsent(reference, r -> new Object())) {
            SupportTask task = tasks.find(reference).orElse(null);
            if (task == null) {
                return true;
            }
            try {
                String text = TaskMessage.fallbackText(task, categories.list());
                var blocks = TaskMessage.blocks(task, categories.list(), texts, catalog.list("districts").orElseThrow());
                if (task.staffPost() == null) {
                    StaffPosts.FirstPostTurn turn = posts.takeFirstPostTurn(reference, POST_TURN);
                    if (!turn.taken()) {
                        return true; // another replica is posting it
                    }
                    String ts = turn == StaffPosts.FirstPostTurn.AFTER_ANOTHER ? alreadyPosted(task) : null;
                    try {
                        if (ts == null) {
                            ts = api.post(properties.staffChannel(), null, text, blocks, CARD + reference);
                        }
                    } catch (SlackApi.SlackCallFailed e) {
                        posts.giveBackFirstPostTurn(reference);
                        throw e;
                    }
                    // the message shows the task as it is: its history so far needs no lines in the thread
                    posts.markPosted(reference, new StaffPost(properties.staffChannel(), ts), digest(text, blocks), task.history().size());
                    log.info("event=staff_post_created task={} ts={}", reference, ts);
                } else {
                    // a change the message does not show (a mail from the requester, a note), or a repost that came to a
                    // task just posted, needs no update: the channel's pace is one message a second
                    String shows = digest(text, blocks);
                    if (task.staffPostStale() && !shows.equals(posts.shows(reference))) {
                        try {
                            api.update(task.staffPost().channel(), task.staffPost().ts(), text, blocks);
                        } catch (SlackApi.SlackCallFailed e) {
                            if (e.slackAway() || !String.valueOf(e.getMessage()).contains("message_not_found")) {
                                throw e;
                            }
                            // someone deleted the card in Slack: a new one takes its place, so the task is still seen
                            // and can be claimed (helper 111: the refusal held up every card after it, round after round)
                            String ts = api.post(properties.staffChannel(), null, text, blocks, CARD + reference);
                            posts.markPosted(reference, new StaffPost(properties.staffChannel(), ts), shows, task.history().size());
                            log.warn("event=staff_post_replaced task={} deleted_ts={} ts={}", reference, task.staffPost().ts(), ts);
                            return true;
                        }
                    }
                    // retention took the task's text: the thread's replies repeat it, so they go too (before the post
                    // counts as shown, so what Slack refused now is tried again by the repost)
                    for (String reply : posts.threadRepliesToDelete(reference)) {
                        api.delete(task.staffPost().channel(), reply);
                        posts.forgetThreadReply(reference, reply);
                        log.info("event=staff_thread_reply_deleted task={} ts={}", reference, reply);
                    }
                    writeThreadLines(task, event);
                    // only once its thread has every line: a line Slack did not take keeps the task stale, so the repost
                    // writes it
                    if (task.staffPostStale()) {
                        posts.markShown(reference, task.updatedAt(), shows);
                    }
                }
            } catch (SlackApi.SlackCallFailed e) {
                log.warn("event=staff_post_deferred task={} reason=\"{}\"", reference, LogText.clean(e.getMessage()));
                // a refusal of this task's card holds up no other task's; Slack away waits for the next round
                return !e.slackAway();
            }
            return true;
        }
    }

    /**
     * Writes into the task's staff thread each change of its history the thread has not been given yet, in order — the
     * one at hand and any whose line Slack did not take before (down, or the process killed) — each taken first, so that
     * two replicas never write the same line.
     */
    private void writeThreadLines(SupportTask task, TaskEvent event) {
        String reference = task.reference();
        java.util.List<TaskEvent> history = task.history();
        Integer done = posts.threadLines(reference);
        if (done == null) {
            // posted before lines were counted: from the change at hand on, as it was then
            posts.startThreadLines(reference, event != null && !"created".equals(event.kind()) ? history.size() - 1 : history.size());
            done = posts.threadLines(reference);
        }
        for (int i = done == null ? history.size() : done; i < history.size(); i++) {
            if (!posts.takeThreadLine(reference, i)) {
                return; // another replica writes it (and what follows)
            }
            TaskEvent line = history.get(i);
            if ("created".equals(line.kind())) {
                continue;
            }
            try {
                posts.markThreadReply(reference, api.post(task.staffPost().channel(), task.staffPost().ts(), TaskMessage.threadLine(line), null));
            } catch (SlackApi.SlackCallFailed e) {
                posts.giveBackThreadLine(reference, i);
                throw e;
            }
        }
    }

    /** What a staff message shows, as a digest to compare with the next: its text and its blocks as the SDK writes them. */
    private static String digest(String text, java.util.List<com.slack.api.model.block.LayoutBlock> blocks) {
        java.security.MessageDigest sha = se.foubot.privacy.Sha256.digest();
        sha.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(String.valueOf(blocks).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The card an earlier holder of the first-post turn posted for {@code task} and did not record — killed (helper 102:
     * after a kill -9 two cards were posted twice), or its post's answer lost — found by its mark in the staff channel
     * since the task was made; null when it is not there, or the channel's history cannot be read (without its scope:
     * posted again, as before).
     */
    private String alreadyPosted(SupportTask task) {
        // from an hour before the task was made: Slack's clock may be behind this one's (helper 109: a minute was not
        // enough), and reading newest first, a wider window costs pages only when the card is not there
        String since = task.createdAt() == null ? null : task.createdAt().minus(LOOK_BACK).getEpochSecond() + ".000000";
        String ts = api.findPost(properties.staffChannel(), CARD + task.reference(), since).orElse(null);
        if (ts != null) {
            log.info("event=staff_post_found task={} ts={}", task.reference(), ts);
        }
        return ts;
    }

    /** The first round runs as the process is ready: the cards the process before this one left unposted go out now. */
    @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void repostAtStart() {
        if (SlackProperties.has(properties.staffChannel())) {
            try {
                workers.execute(this::repost);
            } catch (java.util.concurrent.RejectedExecutionException busy) {
                // the scheduled round comes to them
            }
        }
    }

    /**
     * Posts what could not be posted, and updates messages that show an older state; first gives back the first-post
     * turns the process before this one held (see {@link StaffPosts#takeBackTurns}).
     */
    @Scheduled(fixedDelayString = "${foubot.slack.repost-interval}", initialDelayString = "${foubot.slack.repost-interval}")
    void repost() {
        if (!SlackProperties.has(properties.staffChannel())) {
            return;
        }
        java.util.List<String> back = posts.takeBackTurns();
        if (!back.isEmpty()) {
            log.info("event=staff_post_turns_taken_back count={}", back.size());
        }
        for (SupportTask task : posts.needingStaffPost()) {
            if (!sync(task.reference(), null)) {
                break; // Slack is away: one task's retries are enough per round, the rest waits for the next
            }
        }
    }
}
