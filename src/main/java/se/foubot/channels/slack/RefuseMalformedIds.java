package se.foubot.channels.slack;

import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;

/**
 * Step 2: the ids a request names are Slack's ids, or it goes no further (400). Slack's user, team, enterprise and
 * channel ids are capital letters and digits; its event ids letters and digits. These ids end up as keys in the store
 * and in log lines ({@code conversation=slack:U…}); a sender holding the signing secret could otherwise put newlines,
 * terminal escapes or a whole forged log line there.
 */
class RefuseMalformedIds implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(RefuseMalformedIds.class);
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    /** A message's time as Slack writes it ("1763900000.000100"): it becomes part of the post's key. */
    private static final Pattern TS = Pattern.compile("\\d{1,12}\\.\\d{1,9}");

    /**
     * How far a message's time may lie ahead of its delivery: Slack writes the one and sends the other, so only clocks
     * that disagree put any distance between them, and synchronised clocks disagree by far less than a minute. A
     * message stamped inside the margin makes the person's next messages look late until the margin has passed.
     */
    private static final java.time.Duration AHEAD = java.time.Duration.ofMinutes(1);

    private final EventEnvelopes envelopes;
    private final java.time.Clock clock;

    RefuseMalformedIds(EventEnvelopes envelopes, java.time.Clock clock) {
        this.envelopes = envelopes;
        this.clock = clock;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        Context context = req.getContext();
        String malformed = !wellFormed(context.getRequestUserId(), SlackText.ID) ? "user"
                : !wellFormed(emptyIsAbsent(context.getTeamId()), SlackText.ID)
                        || !PayloadTeams.of(req, envelopes).stream().allMatch(t -> wellFormed(t, SlackText.ID)) ? "team"
                : !wellFormed(emptyIsAbsent(context.getEnterpriseId()), SlackText.ID) ? "enterprise"
                : !wellFormed(channelOf(req), SlackText.ID) ? "channel"
                : req instanceof EventRequest event && !wellFormedEvent(event) ? "event"
                : req instanceof EventRequest event && fromTheFuture(event) ? "ts" : null;
        if (malformed == null) {
            return chain.next(req);
        }
        // which id, never its value: the value is what could not go into a log line
        log.info("event=slack_request_unreadable reason=malformed_id id={} kind={}", malformed, req.getRequestType());
        return Response.builder().statusCode(400).contentType("application/json").body("{\"error\":\"unreadable request\"}").build();
    }

    private static String channelOf(Request<?> req) {
        if (req instanceof SlashCommandRequest command) {
            return command.getPayload().getChannelId();
        }
        if (req instanceof BlockActionRequest click && click.getPayload().getChannel() != null) {
            return click.getPayload().getChannel().getId();
        }
        return null;
    }

    private boolean wellFormedEvent(EventRequest request) {
        EventEnvelope e = envelopes.of(request);
        return wellFormed(e.eventId(), EVENT_ID) && wellFormed(e.user(), SlackText.ID) && wellFormed(e.channel(), SlackText.ID)
                && wellFormed(e.ts(), TS) && wellFormed(e.threadTs(), TS);
    }

    /**
     * Whether the message's time lies ahead of its delivery: Slack cannot send that, and the conversation would take it
     * as written after everything the person writes next (a message older than one already answered is not taken as an
     * answer), so one such message would shut its person out.
     */
    private boolean fromTheFuture(EventRequest request) {
        EventEnvelope e = envelopes.of(request);
        // a ts is Slack's real time: compared with the machine's, and with the bot's clock and the signed request time
        // where those are later (tests move the bot's clock; over HTTP the signature check holds the request time to it)
        long delivered = Math.max(System.currentTimeMillis() / 1000, clock.instant().getEpochSecond());
        String signedAt = request.getHeaders() == null ? null : request.getHeaders().getFirstValue("X-Slack-Request-Timestamp");
        if (signedAt != null && signedAt.matches("\\d{1,12}")) {
            delivered = Math.max(delivered, Long.parseLong(signedAt));
        }
        long latest = delivered + AHEAD.toSeconds();
        return ahead(e.ts(), latest) || ahead(e.threadTs(), latest);
    }

    private static boolean ahead(String ts, long latestSecond) {
        return ts != null && Long.parseLong(ts.substring(0, ts.indexOf('.'))) > latestSecond;
    }

    /** A workspace or organisation id Slack sends empty where there is none. */
    private static String emptyIsAbsent(String id) {
        return id == null || id.isEmpty() ? null : id;
    }

    /** Absent is fine (not every request names every id); present, it must look like one of Slack's. */
    private static boolean wellFormed(String id, Pattern pattern) {
        return id == null || pattern.matcher(id).matches();
    }
}
