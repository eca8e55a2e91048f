package se.foubot.channels.slack;

import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.request.builtin.EventRequest;

/**
 * An Events API delivery as the middleware chain reads it: ids, types, where it was posted, the raw {@code text},
 * which goes through the privacy guard where it is read, and whether files came with it (they are never fetched).
 */
record EventEnvelope(String eventId, String type, String subtype, String botId, String channel, String channelType,
        String ts, String threadTs, String user, String tab, String text, boolean files, java.util.List<String> teams) {

    static EventEnvelope of(EventRequest request) {
        JsonObject event = new JsonObject();
        String eventId = null;
        java.util.List<String> teams = new java.util.ArrayList<>();
        try {
            JsonElement body = JsonParser.parseString(request.getRequestBodyAsString());
            if (body.isJsonObject()) {
                eventId = id(body.getAsJsonObject(), "event_id");
                JsonObject envelope = body.getAsJsonObject();
                for (String name : java.util.List.of("team_id", "enterprise_id", "context_team_id", "context_enterprise_id")) {
                    teams.add(id(envelope, name));
                }
                if (envelope.get("authorizations") instanceof com.google.gson.JsonArray authorizations) {
                    for (JsonElement a : authorizations) {
                        if (a instanceof JsonObject authorization) {
                            teams.add(id(authorization, "team_id"));
                            teams.add(id(authorization, "enterprise_id"));
                        }
                    }
                }
                if (body.getAsJsonObject().get("event") instanceof JsonObject e) {
                    event = e;
                }
            }
        } catch (RuntimeException unreadable) {
            // Bolt has parsed it already; an odd body only means no routing facts
        }
        // the ids that become keys and log fields: a value that is no text (an array, an object, a number) is no id
        return new EventEnvelope(eventId, string(event, "type"), string(event, "subtype"), string(event, "bot_id"),
                id(event, "channel"), string(event, "channel_type"), id(event, "ts"), id(event, "thread_ts"), id(event, "user"),
                string(event, "tab"), string(event, "text"),
                event.get("files") instanceof com.google.gson.JsonArray f && !f.isEmpty(), teamsOf(teams, event));
    }

    /** The workspace and organisation ids the body names, the event's own among them ({@code team}, {@code user_team}). */
    private static java.util.List<String> teamsOf(java.util.List<String> fromBody, JsonObject event) {
        java.util.List<String> teams = new java.util.ArrayList<>(fromBody);
        for (String name : java.util.List.of("team", "user_team", "source_team")) {
            teams.add(id(event, name));
        }
        teams.removeIf(t -> t == null || t.isEmpty());
        return java.util.List.copyOf(teams);
    }

    /**
     * An id the body names: its text; null when it is absent or JSON null; when it is anything else (an array, an
     * object, a number), a value no id pattern takes, so that the request is refused rather than the odd value passed.
     */
    private static String id(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : "\u0000not-an-id";
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** Where the work of a post is recorded: the post itself, so the same post under another event id is one. */
    String workKey() {
        return channel != null && ts != null ? "post:" + channel + ":" + ts : "event:" + eventId;
    }

    boolean isPost() {
        return "message".equals(type) || "app_mention".equals(type);
    }

    /** Its once-only keys: the event id, and for a post the post itself (one post under two event ids is one). */
    List<String> keys() {
        return isPost() ? SlackEventDeduplicator.messageKeys(eventId, channel, ts) : SlackEventDeduplicator.messageKeys(eventId, null, null);
    }

    /**
     * Where the person is answered: a DM's own answer, a mention's thread (a new one under the mention in a channel).
     * Null for events that are not posts.
     */
    String answerThread() {
        boolean direct = channel != null && channel.startsWith("D");
        return "app_mention".equals(type) && threadTs == null && !direct ? ts : threadTs;
    }
}
