package se.foubot.tasks;

import java.time.LocalDate;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import se.foubot.conversation.OutcomeAction;
import se.foubot.conversation.OutcomeRequest;
import se.foubot.conversation.OutcomeResult;

/** The intake flow's outcome: stores the confirmed request and tells its reference. Once per conversation run. */
@Component
class CreateSupportRequestOutcome implements OutcomeAction {

    private static final Logger log = LoggerFactory.getLogger(CreateSupportRequestOutcome.class);

    private final MongoTemplate mongo;
    private final ReferenceGenerator references;

    CreateSupportRequestOutcome(MongoTemplate mongo, ReferenceGenerator references) {
        this.mongo = mongo;
        this.references = references;
    }

    @Override
    public String name() {
        return "create-support-request";
    }

    @Override
    public OutcomeResult run(OutcomeRequest request) {
        SupportRequest existing = bySource(request.runId());
        if (existing != null) {
            return result(existing);
        }
        Map<String, String> a = request.answers();
        SupportRequest created = new SupportRequest(references.next(), request.runId(), request.key().channel(),
                request.key().person(), a.get("district"), a.get("role"), a.get("concern"), a.get("initiative"),
                a.get("category"), a.get("timeframe") == null ? null : LocalDate.parse(a.get("timeframe")),
                a.get("email"), request.language().code(), SupportRequest.STATUS_NEW, request.at());
        try {
            mongo.insert(created);
        } catch (DuplicateKeyException e) {
            // the same confirmation was retried after losing a race; the first one stored it
            return result(bySource(request.runId()));
        }
        log.info("event=support_request_created reference={} district={} category={} channel={}",
                created.reference(), created.district(), created.category(), created.channel());
        return result(created);
    }

    private SupportRequest bySource(String runId) {
        return mongo.findOne(Query.query(Criteria.where("sourceKey").is(runId)), SupportRequest.class);
    }

    private static OutcomeResult result(SupportRequest r) {
        return new OutcomeResult(Map.of("reference", r.reference()));
    }
}
