package se.foubot.channels.slack;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.RequestFormBuilder;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostEphemeralRequest;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;

import se.foubot.privacy.GuardedText;
import se.foubot.privacy.LogText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * The Slack Web API calls the bot makes. Honours HTTP 429 with its Retry-After (a short one slept, a long one kept
 * by {@link SlackRateLimits} without holding the worker), retries 5xx and network errors with backoff, and reports a
 * call that still fails as {@link SlackCallFailed}, so the caller can leave the work for a later retry from MongoDB
 * state.
 */
public class SlackApi {

    /**
     * Slack's answers ({@code ok: false}) that say it could not do the call just now, not that it refuses it: tried
     * again like an HTTP 5xx or 429. Any other error (channel_not_found, not_in_channel, invalid_blocks) is final.
     */
    private static final java.util.Set<String> PASSING_ERRORS = java.util.Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    private static final Logger log = LoggerFactory.getLogger(SlackApi.class);
    private static final int ATTEMPTS = 5;
    /** How many pages of a DM's history are read for an answer (a hundred messages a page). */
    static final int HISTORY_PAGES = 10;
    private static final long MAX_WAIT_MILLIS = 30_000;
    /** Calls that post something new: made twice, they post it twice. */
    private static final java.util.Set<String> POSTS = java.util.Set.of("chat.postMessage", "chat.postEphemeral");
    /** The metadata event type that marks a post as the answer to a piece of work, and the payload's field for its key. */
    static final String ANSWER_EVENT = "foubot_answer";
    static final String ANSWERS = "answers";
    /** Slack's limit on a message's blocks: a message with more is refused whole ({@code invalid_blocks}). */
    public static final int MAX_BLOCKS = 50;
    /**
     * A message's {@code text} beside blocks is only what notifications and screen readers say: kept well under the
     * 4,000 characters Slack advises for it. Without blocks it is the message, which Slack refuses ({@code msg_too_long})
     * or cuts past 40,000.
     */
    static final int MAX_TEXT_BESIDE_BLOCKS = 3_000;
    static final int MAX_TEXT = 40_000;

    /** A Slack call that did not succeed after retries. */
    public static class SlackCallFailed extends RuntimeException {
        private final boolean slackAway;
        private final boolean perhapsPosted;
        private final java.time.Duration heldFor;

        SlackCallFailed(String method, String reason, boolean slackAway) {
            this(method, reason, slackAway, false);
        }

        SlackCallFailed(String method, String reason, boolean slackAway, boolean perhapsPosted) {
            this(method, reason, slackAway, perhapsPosted, null);
        }

        SlackCallFailed(String method, String reason, boolean slackAway, boolean perhapsPosted, java.time.Duration heldFor) {
            super(method + " failed: " + reason);
            this.slackAway = slackAway;
            this.perhapsPosted = perhapsPosted;
            this.heldFor = heldFor;
        }

        /** How long Slack asked calls like this one to wait still (a 429's Retry-After); empty when it named no time. */
        public Optional<java.time.Duration> heldFor() {
            return Optional.ofNullable(heldFor);
        }

        /** Slack had the whole post and did not answer in time: it may have posted it all the same. */
        public boolean perhapsPosted() {
            return perhapsPosted;
        }

        /**
         * Slack did not take the call for a while (server errors, rate limits, no connection), as opposed to refusing
         * it (channel_not_found, not_authed): the same call later may well succeed.
         */
        public boolean slackAway() {
            return slackAway;
        }
    }

    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private final MethodsClient methods;
    /** The calls made for nearly every event (replies, their updates), answers read without a new Gson each. */
    private final SlackWebForms forms;
    private final Sleeper sleeper;
    private final long firstRetryWaitMillis;
    private final ChannelPacer pacer;
    private final SlackRateLimits limits;
    private volatile boolean lastCallSucceeded = true;
    private final OutsideTextGuard guard;

    /** Waiting is a seam so tests of the retry need not sleep long. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    SlackApi(MethodsClient methods, SlackWebForms forms, Sleeper sleeper, java.time.Duration firstRetryWait, ChannelPacer pacer,
            SlackRateLimits limits, OutsideTextGuard guard) {
        this.firstRetryWaitMillis = firstRetryWait.toMillis();
        this.limits = limits;
        this.guard = guard;
        this.methods = methods;
        this.forms = forms;
        this.sleeper = sleeper;
        this.pacer = pacer;
    }

    /** @return the ts of the new message */
    public String post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        return post(channel, threadTs, text, blocks, null);
    }

    /**
     * As {@link #post(String, String, String, List)}, marked (in the message's metadata, which people do not see) as
     * the answer to {@code answering}, the key of the work it answers, so that the work done again can tell whether it
     * was posted ({@link #answeredIn}). Null: not marked.
     */
    public String post(String channel, String threadTs, String text, List<LayoutBlock> blocks, String answering) {
        pace(channel);
        ChatPostMessageRequest.ChatPostMessageRequestBuilder request = ChatPostMessageRequest.builder().channel(channel)
                .threadTs(threadTs).text(textWithinLimit(text, blocks, "chat.postMessage", channel, answering))
                .blocks(withinLimit(blocks, "chat.postMessage", channel, answering)).unfurlLinks(false);
        if (answering != null) {
            request.metadata(com.slack.api.model.Message.Metadata.builder().eventType(ANSWER_EVENT)
                    .eventPayload(java.util.Map.of(ANSWERS, answering)).build());
        }
        ChatPostMessageRequest built = request.build();
        return call("chat.postMessage", channel, () -> forms.post(Methods.CHAT_POST_MESSAGE, RequestFormBuilder.toForm(built),
                ChatPostMessageResponse.class), postedAfterAll(channel, threadTs, answering)).getTs();
    }

    /**
     * For a marked post in a direct message (or to a person, which lands there) or a channel (the staff channel's cards):
     * whether Slack posted it although it answered with a server error — Slack says some of the operation may have
     * succeeded — read from the DM or the channel before the post is tried again (a channel's history needs its scope:
     * without it, posted again as before). Null where that cannot be read (a thread, an unmarked post).
     */
    private Supplier<Optional<ChatPostMessageResponse>> postedAfterAll(String channel, String threadTs, String answering) {
        if (answering == null || threadTs != null || channel == null) {
            return null;
        }
        if (channel.startsWith("C") || channel.startsWith("G")) {
            // helper 109: a card Slack kept while answering 500 was posted once more with each retry
            return () -> findPost(channel, answering, null).map(ts -> posted(channel, ts));
        }
        if (!(channel.startsWith("D") || channel.startsWith("U") || channel.startsWith("W"))) {
            return null;
        }
        return () -> {
            String dm = channel.startsWith("D") ? channel : directMessageWith(channel);
            return (dm == null ? Optional.<String>empty() : postedIn(dm, answering, since(answering))).map(ts -> posted(dm, ts));
        };
    }

    private static ChatPostMessageResponse posted(String channel, String ts) {
        ChatPostMessageResponse found = new ChatPostMessageResponse();
        found.setOk(true);
        found.setChannel(channel);
        found.setTs(ts);
        return found;
    }

    /**
     * Whether the bot's answer to {@code answering} ({@link #post(String, String, String, List, String)}) is among the
     * direct message {@code channel}'s messages since {@code oldest} (a Slack ts; null: from the newest), up to
     * {@value #HISTORY_PAGES} pages of a hundred. A DM only: reading a channel's history needs a scope the bot does not
     * ask for.
     */
    public boolean answeredIn(String channel, String answering, String oldest) {
        return postedIn(channel, answering, oldest).isPresent();
    }

    /**
     * The ts of the bot's post marked {@code answering} in {@code channel} since {@code oldest}, read as
     * {@link #answeredIn} reads a DM; for a channel this needs its history scope ({@code channels:history},
     * {@code groups:history} for a private one): without it, or with Slack away, empty — the caller posts as it would
     * have.
     */
    public Optional<String> findPost(String channel, String answering, String oldest) {
        try {
            return postedIn(channel, answering, oldest);
        } catch (SlackCallFailed cannotRead) {
            log.info("event=slack_history_unread channel={} reason=\"{}\"", channel, se.foubot.privacy.LogText.clean(cannotRead.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * Where to read a DM's history from for the answer to {@code answering}: a message's key names its ts
     * ("post:D…:1763900000.000100"), and the answer came after it; other work (a command, a click) from the newest.
     */
    static String since(String answering) {
        String[] parts = answering.split("#")[0].split(":"); // a notice marked "<key>#files" came after the same message
        return parts.length == 3 && parts[0].equals("post") ? parts[2] : null;
    }

    /**
     * As {@link #answeredIn}: the ts of the bot's answer to {@code answering}, if the DM shows it, read a page of a
     * hundred at a time, newest first, up to {@value #HISTORY_PAGES} pages.
     */
    private Optional<String> postedIn(String channel, String answering, String oldest) {
        String cursor = null;
        for (int page = 0; page < HISTORY_PAGES; page++) {
            String from = cursor;
            var history = call("conversations.history", channel, () -> methods.conversationsHistory(r -> r.channel(channel).oldest(oldest)
                    .cursor(from).includeAllMetadata(true).limit(100)));
            Optional<String> found = history.getMessages() == null ? Optional.empty() : history.getMessages().stream()
                    .filter(message -> message.getMetadata() != null && ANSWER_EVENT.equals(message.getMetadata().getEventType())
                            && message.getMetadata().getEventPayload() != null
                            && answering.equals(String.valueOf(message.getMetadata().getEventPayload().get(ANSWERS))))
                    .map(com.slack.api.model.Message::getTs).findFirst();
            cursor = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
            if (found.isPresent() || !history.isHasMore() || cursor == null || cursor.isEmpty()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The id of {@code user}'s direct message with the bot (opened if it was not), for reading its history; null: Slack named none. */
    public String directMessageWith(String user) {
        var dm = call("conversations.open", user, () -> methods.conversationsOpen(r -> r.users(java.util.List.of(user)))).getChannel();
        return dm == null ? null : dm.getId();
    }

    public void update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        pace(channel);
        ChatUpdateRequest request = ChatUpdateRequest.builder().channel(channel).ts(ts).text(textWithinLimit(text, blocks, "chat.update",
                channel, ts)).blocks(withinLimit(blocks, "chat.update", channel, ts)).build();
        call("chat.update", channel, () -> forms.post(Methods.CHAT_UPDATE, RequestFormBuilder.toForm(request), ChatUpdateResponse.class));
    }

    /**
     * {@code blocks}, or their first {@value #MAX_BLOCKS} when there are more: Slack refuses such a message whole, so
     * the person would see nothing at all. A renderer keeps its card within the limit itself (saying what it left out);
     * this is the last guard for any message of the bot, logged with where it went and what it answers, never its text.
     */
    private static List<LayoutBlock> withinLimit(List<LayoutBlock> blocks, String method, String channel, String key) {
        if (blocks == null || blocks.size() <= MAX_BLOCKS) {
            return blocks;
        }
        log.warn("event=slack_blocks_cut method={} channel={} key={} blocks={} kept={}", method, LogText.clean(channel),
                key == null ? "-" : LogText.clean(key), blocks.size(), MAX_BLOCKS);
        return List.copyOf(blocks.subList(0, MAX_BLOCKS));
    }

    /**
     * {@code text}, cut short when longer than Slack takes: beside blocks, which carry the message, the notification's
     * text of a long list (every meeting with its agenda) was 75,000 characters and Slack refused the whole message
     * ({@code msg_too_long}, a black-box tester's finding); the person then saw nothing. Logged without the text.
     */
    private static String textWithinLimit(String text, List<LayoutBlock> blocks, String method, String channel, String key) {
        int max = blocks == null || blocks.isEmpty() ? MAX_TEXT : MAX_TEXT_BESIDE_BLOCKS;
        if (text == null || text.length() <= max) {
            return text;
        }
        log.warn("event=slack_text_cut method={} channel={} key={} chars={} kept={}", method, LogText.clean(channel),
                key == null ? "-" : LogText.clean(key), text.length(), max);
        return SlackText.cut(text, max);
    }

    /** Deletes one of the bot's own messages; one that is already gone counts as deleted. */
    public void delete(String channel, String ts) {
        pace(channel);
        try {
            call("chat.delete", channel, () -> methods.chatDelete(r -> r.channel(channel).ts(ts)));
        } catch (SlackCallFailed e) {
            if (!e.getMessage().endsWith("message_not_found")) {
                throw e;
            }
        }
    }

    public void ephemeral(String channel, String user, String text) {
        ChatPostEphemeralRequest request = ChatPostEphemeralRequest.builder().channel(channel).user(user).text(text).build();
        call("chat.postEphemeral", channel, () -> forms.post(Methods.CHAT_POST_EPHEMERAL, RequestFormBuilder.toForm(request),
                ChatPostEphemeralResponse.class));
    }

    public void publishHome(String user, View view) {
        call("views.publish", () -> methods.viewsPublish(r -> r.userId(user).view(view)));
    }

    public List<String> usergroupMembers(String usergroup) {
        return call("usergroups.users.list", () -> methods.usergroupsUsersList(r -> r.usergroup(usergroup))).getUsers();
    }

    public void openModal(String triggerId, View view) {
        call("views.open", () -> methods.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    /**
     * The e-mail address on the user's Slack profile (scope users:read.email); empty when Slack has none, or when the
     * address holds a personal identity number (it is then not kept anywhere).
     */
    public java.util.Optional<String> userEmail(String user) {
        return userProfile(user).email();
    }

    /**
     * What Slack knows of a person that the bot uses: the e-mail address on their profile (as {@link #userEmail}) and
     * the language of their Slack locale ("sv-SE", "en-GB"), empty when it is neither Swedish nor English.
     */
    public record SlackUser(java.util.Optional<String> email, java.util.Optional<se.foubot.conversation.Language> language) {
    }

    public SlackUser userProfile(String user) {
        var info = call("users.info", () -> methods.usersInfo(r -> r.user(user).includeLocale(true))).getUser();
        GuardedText email = guard.check(info == null || info.getProfile() == null ? null : info.getProfile().getEmail());
        String locale = guard.check(info == null ? null : info.getLocale()).textOr("").toLowerCase(java.util.Locale.ROOT);
        return new SlackUser(java.util.Optional.ofNullable(email.identityNumberRemoved() ? null : email.text()).filter(e -> !e.isBlank()),
                locale.startsWith("sv") ? java.util.Optional.of(se.foubot.conversation.Language.SV)
                        : locale.startsWith("en") ? java.util.Optional.of(se.foubot.conversation.Language.EN) : java.util.Optional.empty());
    }

    private void pace(String channel) {
        try {
            pacer.await(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("pacing", "interrupted", true);
        }
    }

    private <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        return call(method, null, call, null);
    }

    private <T extends SlackApiTextResponse> T call(String method, String channel, Call<T> call) {
        return call(method, channel, call, null);
    }

    /**
     * @param doneAfterAll for a post, whether Slack did it although it answered with a server error, broke the
     *                     connection after the request went out or gave an answer that could not be read — asked before
     *                     it is tried again (null: it is tried again without asking)
     */
    private <T extends SlackApiTextResponse> T call(String method, String channel, Call<T> call, Supplier<Optional<T>> doneAfterAll) {
        String scope = SlackRateLimits.scope(method, channel);
        Optional<java.time.Duration> held = limits.held(scope);
        if (held.isPresent()) {
            // Slack said when it takes calls here again: asking before then only gets another 429
            log.info("event=slack_call_held method={} channel={} wait_s={}", method, channel, Math.max(1, held.get().toSeconds()));
            throw new SlackCallFailed(method, "Slack asked to wait " + Math.max(1, held.get().toSeconds()) + " s more (HTTP 429)", true,
                    false, held.get());
        }
        long backoff = firstRetryWaitMillis;
        String reason = "";
        boolean away = true;
        boolean perhapsPosted = false;
        boolean perhapsDone = false;
        java.time.Duration heldFor = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long wait;
            if (perhapsDone && doneAfterAll != null) {
                Optional<T> done = doneAfterAll(method, doneAfterAll);
                if (done.isPresent()) {
                    lastCallSucceeded = true;
                    return done.get();
                }
            }
            try {
                T response = call.run();
                if (response.isOk()) {
                    lastCallSucceeded = true;
                    return response;
                }
                reason = response.getError();
                if (!PASSING_ERRORS.contains(reason)) {
                    away = false;
                    break; // a refusal such as channel_not_found: retrying cannot help
                }
                perhapsDone |= !"ratelimited".equals(reason);
                wait = backoff;
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                reason = "HTTP " + status;
                if (status == 429) {
                    Optional<java.time.Duration> asked = limits.retryAfter(e.getResponse().header("Retry-After"));
                    if (asked.isPresent() && asked.get().compareTo(SlackRateLimits.LONGEST_WAIT_IN_WORKER) > 0) {
                        // a worker asleep for a minute is one of two that answer everybody: the work waits in the store
                        heldFor = limits.hold(scope, asked.get());
                        reason = "HTTP 429, Retry-After " + heldFor.toSeconds() + " s";
                        log.warn("event=slack_rate_limited method={} channel={} retry_after_s={}", method, channel, heldFor.toSeconds());
                        break;
                    }
                    wait = asked.map(java.time.Duration::toMillis).orElse(backoff);
                } else if (status >= 500) {
                    perhapsDone = true;
                    wait = backoff;
                } else {
                    away = false;
                    break;
                }
            } catch (IOException e) {
                reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                // a connection broken after the request went out, or an answer that could not be read: perhaps done
                perhapsDone |= !neverSent(e);
                if (POSTS.contains(method) && sentWithoutAnswer(e)) {
                    // Slack had the whole request and did not answer in time: a slow Slack posts it all the same, and
                    // each attempt more would post it again; the caller decides whether one more try is worth it
                    perhapsPosted = true;
                    reason = "no answer in time, perhaps posted (" + reason + ")";
                    break;
                }
                wait = backoff;
            } catch (com.google.gson.JsonParseException unreadable) {
                // an answer that is not Slack's (a proxy's page) read by the SDK's client: as a dropped connection
                reason = "an unreadable answer (" + unreadable.getClass().getSimpleName() + ")";
                perhapsDone = true;
                wait = backoff;
            }
            if (attempt < ATTEMPTS) {
                log.info("event=slack_call_retry method={} attempt={} reason=\"{}\" wait_ms={}", method, attempt, LogText.clean(reason), wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_WAIT_MILLIS);
            }
        }
        lastCallSucceeded = false;
        log.warn("event=slack_call_failed method={} reason=\"{}\"", method, LogText.clean(reason));
        throw new SlackCallFailed(method, reason, away, perhapsPosted, heldFor);
    }

    /**
     * Asks whether a post was done after all. When Slack refuses to say, it was not (posted again rather than never);
     * when Slack is away, the call fails as Slack away, and the work that posts is done again later.
     */
    private static <T> Optional<T> doneAfterAll(String method, Supplier<Optional<T>> doneAfterAll) {
        try {
            Optional<T> done = doneAfterAll.get();
            if (done.isPresent()) {
                log.info("event=slack_posted_despite_error method={}", method);
            }
            return done;
        } catch (SlackCallFailed cannotTell) {
            if (!cannotTell.slackAway()) {
                return Optional.empty(); // refused (a scope the workspace did not grant): posted again rather than never
            }
            // Slack away: the post may be there; the work is done again after a pause, and asks again first
            throw new SlackCallFailed(method, "perhaps posted, and the DM could not be read (" + cannotTell.getMessage() + ")", true);
        }
    }

    /** A call that never reached Slack: no connection could be made. */
    static boolean neverSent(IOException e) {
        return e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException
                || e instanceof java.net.NoRouteToHostException || e instanceof java.net.SocketTimeoutException
                        && e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect");
    }

    /** A read that timed out: the request went out whole (a connection that could not be made is not this). */
    static boolean sentWithoutAnswer(IOException e) {
        return e instanceof java.net.SocketTimeoutException
                && (e.getMessage() == null || !e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect"));
    }

    boolean lastCallSucceeded() {
        return lastCallSucceeded;
    }

}
