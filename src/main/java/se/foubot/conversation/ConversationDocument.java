package se.foubot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/**
 * A conversation's stored form, written by hand: the same document Spring Data's converter writes for a
 * {@link ConversationState} (the property test holds the two equal for any state), read back by the converter as
 * before. The converter's reflection was a third of a turn's save and seven per cent of a turn's CPU in the
 * conversation benchmark, and every turn writes once.
 *
 * <p>A map key the converter would refuse (a dot, a leading {@code $}) is left to the converter, so it refuses it as
 * it did.
 */
final class ConversationDocument {

    private static final String TYPE = ConversationState.class.getName();

    private ConversationDocument() {
    }

    /** @return the document, or null when a map key needs the converter's rules */
    static Document of(ConversationState s) {
        if (!plainKeys(s.answers()) || !plainKeys(s.context()) || s.paused() != null
                && (!plainKeys(s.paused().answers()) || !plainKeys(s.paused().context()))) {
            return null;
        }
        Document d = new Document();
        put(d, "_id", s.id());
        put(d, "channel", s.channel());
        put(d, "person", s.person());
        put(d, "language", s.language() == null ? null : s.language().name());
        putRun(d, s.flowId(), s.runId(), s.stepId(), s.summary(), s.changing(), s.answers(), s.history(), s.context());
        put(d, "startedAt", date(s.startedAt()));
        put(d, "updatedAt", date(s.updatedAt()));
        d.put("version", s.version());
        List<Document> answered = new ArrayList<>(s.answered().size());
        for (ConversationState.Answered a : s.answered()) {
            answered.add(answered(a));
        }
        d.put("answered", answered);
        if (s.paused() != null) {
            d.put("paused", paused(s.paused()));
        }
        put(d, "lastClick", s.lastClick());
        d.put("_class", TYPE);
        return d;
    }

    private static Document answered(ConversationState.Answered a) {
        Document d = new Document();
        put(d, "messageId", a.messageId());
        put(d, "text", a.text());
        List<Document> choices = new ArrayList<>(a.choices().size());
        for (ReplyChoice c : a.choices()) {
            Document choice = new Document();
            put(choice, "value", c.value());
            put(choice, "label", c.label());
            put(choice, "question", c.question());
            choices.add(choice);
        }
        d.put("choices", choices);
        put(d, "language", a.language() == null ? null : a.language().name());
        return d;
    }

    private static Document paused(ConversationState.Paused p) {
        Document d = new Document();
        putRun(d, p.flowId(), p.runId(), p.stepId(), p.summary(), p.changing(), p.answers(), p.history(), p.context());
        put(d, "startedAt", date(p.startedAt()));
        return d;
    }

    /** Where a flow's run stands, in the order both a state and a paused run declare it (the converter's order). */
    private static void putRun(Document d, String flowId, String runId, String stepId, boolean summary, boolean changing,
            Map<String, String> answers, List<String> history, Map<String, String> context) {
        put(d, "flowId", flowId);
        put(d, "runId", runId);
        put(d, "stepId", stepId);
        d.put("summary", summary);
        d.put("changing", changing);
        d.put("answers", new Document(answers));
        d.put("history", new ArrayList<>(history));
        d.put("context", new Document(context));
    }

    /** As the converter: a null property is not written at all. */
    private static void put(Document d, String key, Object value) {
        if (value != null) {
            d.put(key, value);
        }
    }

    private static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    private static boolean plainKeys(Map<String, String> map) {
        for (String key : map.keySet()) {
            if (key.indexOf('.') >= 0 || key.startsWith("$")) {
                return false;
            }
        }
        return true;
    }
}
