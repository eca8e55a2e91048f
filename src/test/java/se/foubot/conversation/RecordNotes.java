package se.foubot.conversation;

import java.util.Map;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The test flows' outcome: stores each run's answers once, keyed by the run as a real outcome is; a run that ended
 * without it is stored once as such, and each time it is told in {@code tells}.
 */
final class RecordNotes implements OutcomeAction {

    private final MongoTemplate mongo;

    RecordNotes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String name() {
        return "record-notes";
    }

    @Override
    public OutcomeResult run(OutcomeRequest request) {
        try {
            mongo.insert(new Document("_id", request.runId()).append("person", request.key().person()).append("flow", request.flowId())
                    .append("answers", new Document(Map.copyOf(request.answers()))), "notes");
        } catch (DuplicateKeyException alreadyStored) {
            // a retried confirmation: stored by the first
        }
        return new OutcomeResult(Map.of("count", Integer.toString(request.answers().size())));
    }

    @Override
    public void unanswered(OutcomeRequest request, Unanswered why) {
        mongo.insert(new Document("run", request.runId()).append("why", why.name()), "tells");
        try {
            mongo.insert(new Document("_id", "unanswered:" + request.runId()).append("flow", request.flowId()).append("why", why.name())
                    .append("answers", new Document(Map.copyOf(request.answers()))), "notes");
        } catch (DuplicateKeyException toldBefore) {
            // told of this run before (a sweep, then the person's return): once is what counts
        }
    }
}
