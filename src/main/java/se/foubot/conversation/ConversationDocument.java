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

    /**
     * The state a stored document holds, read by hand as the converter reads it (the property test holds the two equal
     * for any state, and for documents with fields only the store writes): the converter's reflection, query mapping
     * and events were a tenth of a turn's CPU in the conversation benchmark, and every turn reads once.
     *
     * @return the state, or null when the document holds anything this reader does not expect (another class, a value
     *         of another type, a null in a map or a list), which is left to the converter, so it reads or refuses it as
     *         it did
     */
    static ConversationState read(Document d) {
        try {
            Object type = d.get("_class");
            if (type != null && !TYPE.equals(type)) {
                return null;
            }
            List<ConversationState.Answered> answered = null;
            if (d.get("answered") != null) {
                answered = new ArrayList<>();
                for (Object a : list(d.get("answered"))) {
                    answered.add(answered(document(a)));
                }
            }
            Document p = d.get("paused") == null ? null : document(d.get("paused"));
            ConversationState.Paused paused = p == null ? null : new ConversationState.Paused(string(p, "flowId"),
                    string(p, "runId"), string(p, "stepId"), flag(p, "summary"), flag(p, "changing"), strings(p, "answers"),
                    texts(p, "history"), strings(p, "context"), instant(p, "startedAt"));
            Object version = d.get("version");
            if (version != null && !(version instanceof Long) && !(version instanceof Integer)) {
                return null;
            }
            return new ConversationState(string(d, "_id"), string(d, "channel"), string(d, "person"), language(d), string(d, "flowId"),
                    string(d, "runId"), string(d, "stepId"), flag(d, "summary"), flag(d, "changing"), strings(d, "answers"),
                    texts(d, "history"), strings(d, "context"), instant(d, "startedAt"), instant(d, "updatedAt"),
                    version == null ? 0 : ((Number) version).longValue(), answered, paused, string(d, "lastClick"));
        } catch (Unexpected e) {
            return null;
        }
    }

    private static ConversationState.Answered answered(Document a) {
        List<ReplyChoice> choices = null;
        if (a.get("choices") != null) {
            choices = new ArrayList<>();
            for (Object c : list(a.get("choices"))) {
                Document choice = document(c);
                choices.add(new ReplyChoice(string(choice, "value"), string(choice, "label"), string(choice, "question")));
            }
        }
        return new ConversationState.Answered(string(a, "messageId"), string(a, "text"), choices, language(a));
    }

    /** A value this reader does not read as the converter would: the converter is asked instead. */
    private static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unexpected() {
            super(null, null, false, false);
        }
    }

    private static String string(Document d, String key) {
        Object v = d.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new Unexpected();
    }

    private static boolean flag(Document d, String key) {
        Object v = d.get(key);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        throw new Unexpected();
    }

    private static Instant instant(Document d, String key) {
        Object v = d.get(key);
        if (v == null || v instanceof Date) {
            return v == null ? null : ((Date) v).toInstant();
        }
        throw new Unexpected();
    }

    private static Language language(Document d) {
        String name = string(d, "language");
        if (name == null) {
            return null;
        }
        for (Language l : Language.values()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new Unexpected();
    }

    private static Document document(Object v) {
        if (v instanceof Document d) {
            return d;
        }
        throw new Unexpected();
    }

    private static List<?> list(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new Unexpected();
    }

    private static Map<String, String> strings(Document d, String key) {
        Object v = d.get(key);
        if (v == null) {
            return null;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : document(v).entrySet()) {
            if (!(e.getValue() instanceof String value) || e.getKey().indexOf('.') >= 0 || e.getKey().startsWith("$")) {
                throw new Unexpected();
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static List<String> texts(Document d, String key) {
        Object v = d.get(key);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object item : list(v)) {
            if (!(item instanceof String text)) {
                throw new Unexpected();
            }
            out.add(text);
        }
        return out;
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
