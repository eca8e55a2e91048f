package se.foubot.channels.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.auth.AuthTestResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;
import se.foubot.privacy.OncePerWindow;
import se.foubot.privacy.RefusalLog;

/**
 * Step 3: a request from another workspace than the bot's own goes no further. The signing secret belongs to the app,
 * and an app installed in a second workspace (by mistake, or by whoever can install it there) would otherwise take
 * that workspace's people as the city's staff: their requests as tasks, their clicks as analysts'. A request is the
 * bot's own when its payload names the bot's workspace ({@code auth.test}) or, in an Enterprise Grid, its organisation;
 * a partner's person in a shared channel passes: their post names the bot's installation too, their click the bot's
 * workspace ({@code team.id}) beside their own ({@code user.team_id}). The
 * answer is 200, since anything else makes Slack retry and in the end switch the app's events off; a slash command's
 * says in one line why nothing happens. Each is counted; the log line comes once an hour per workspace, and no more than
 * {@link RefusalLog} lets through, since a holder of the secret can invent workspaces without end.
 */
class RefuseOtherWorkspaces implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(RefuseOtherWorkspaces.class);
    /** Workspaces remembered for the hourly line at most: any holder of the secret may name new ones. */
    private static final int REMEMBERED = 1_000;

    private final EventEnvelopes envelopes;
    private final Texts texts;
    /** Workspaces whose refusal was logged in the last hour. */
    private final OncePerWindow logged;
    /** Bounded as every line anyone holding the secret can cause: a flood of invented workspaces (helper 96). */
    private final RefusalLog lines = new RefusalLog(log);
    private final Counter refused;

    RefuseOtherWorkspaces(EventEnvelopes envelopes, Texts texts, Clock clock, MeterRegistry meters) {
        this.envelopes = envelopes;
        this.texts = texts;
        this.logged = new OncePerWindow(clock, Duration.ofHours(1), REMEMBERED);
        this.refused = Counter.builder("foubot.slack.other.workspace")
                .description("Slack requests from a workspace other than the bot's own, answered with nothing").register(meters);
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        List<String> named = PayloadTeams.of(req, envelopes);
        AuthTestResponse own = req.getContext().getAuthTestResponse();
        if (own == null || named.isEmpty() || belongs(named, own.getTeamId(), own.getEnterpriseId())) {
            return chain.next(req);
        }
        refused.increment();
        logOncePerHour(named.get(0), req);
        if (req instanceof SlashCommandRequest) {
            // as every other answer to a command: a text Slack shows only to the one who wrote it
            com.google.gson.JsonObject answer = new com.google.gson.JsonObject();
            answer.addProperty("text", texts.get(Language.SV, "slack.other-workspace"));
            return Response.builder().statusCode(200).contentType("application/json; charset=utf-8").body(answer.toString()).build();
        }
        return Response.ok();
    }

    /**
     * Whether a payload naming {@code named} comes from the workspace {@code team} or the organisation {@code enterprise};
     * when neither is known, nothing can be told apart and every request is taken as the bot's own.
     */
    static boolean belongs(List<String> named, String team, String enterprise) {
        boolean teamKnown = team != null && !team.isEmpty();
        boolean enterpriseKnown = enterprise != null && !enterprise.isEmpty();
        return (!teamKnown && !enterpriseKnown) || (teamKnown && named.contains(team)) || (enterpriseKnown && named.contains(enterprise));
    }

    private void logOncePerHour(String team, Request<?> req) {
        if (!logged.first(team)) {
            return;
        }
        // the id is well formed (RefuseMalformedIds came first): a workspace id, no text anyone wrote
        lines.info("event=slack_other_workspace team={} kind={} hint=\"the app is installed in a workspace other than the bot's own "
                + "token's; its requests are answered with nothing\"", team, req.getRequestType());
    }
}
