package se.foubot.tasks;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import se.foubot.messaging.DistrictTies;
import se.foubot.messaging.Recipient;

/**
 * A person belongs to the districts they have made support requests for (a mail address in any case). A question handed
 * to the analysts does not tie them, though it may name a district (a reply to a district's knowledge-gap outcome,
 * which someone who answered for a district without belonging to it also gets): asking about a district's outcome
 * would otherwise show them everything the district sent.
 */
@Component
class TaskDistrictTies implements DistrictTies {

    private final MongoTemplate mongo;

    TaskDistrictTies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Set<String> districtsOf(Recipient person) {
        Set<String> districts = new LinkedHashSet<>();
        if (person == null || person.address() == null) {
            return districts;
        }
        Query tasks = Query.query(Criteria.where("requester.channel").is(person.channel()).and("requester.person")
                .regex("^" + Pattern.quote(person.address()) + "$", person.isEmail() ? "i" : "").and("request.kind")
                .ne(SupportRequest.QUESTION));
        tasks.fields().include("request.district");
        for (Document d : mongo.find(tasks, Document.class, mongo.getCollectionName(SupportTask.class))) {
            Document request = d.get("request", Document.class);
            if (request != null && request.getString("district") != null) {
                districts.add(request.getString("district"));
            }
        }
        return districts;
    }

    @Override
    public Set<String> slackUsers(String district) {
        Set<String> users = new LinkedHashSet<>();
        Query tasks = Query.query(Criteria.where("request.district").is(district).and("requester.channel").is(Recipient.SLACK)
                .and("request.kind").ne(SupportRequest.QUESTION));
        tasks.fields().include("requester.person");
        for (Document d : mongo.find(tasks, Document.class, mongo.getCollectionName(SupportTask.class))) {
            Document requester = d.get("requester", Document.class);
            if (requester != null && requester.getString("person") != null) {
                users.add(requester.getString("person"));
            }
        }
        return users;
    }
}
