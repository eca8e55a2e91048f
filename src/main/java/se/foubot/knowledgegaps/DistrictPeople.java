package se.foubot.knowledgegaps;

import java.util.LinkedHashSet;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import se.foubot.forum.Registration;
import se.foubot.messaging.Recipient;

/**
 * The Slack people of a district: whoever has made a support request from it or registered for FoU-forum from it.
 * They are invited and reminded in a DM besides the district's mailboxes. Read from the tasks' and the forum's
 * collections (names only: ids, never what they wrote).
 */
@Component
class DistrictPeople {

    static final String TASKS = "support_tasks";

    private final MongoTemplate mongo;

    DistrictPeople(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Set<String> slackUsers(String district) {
        Set<String> users = new LinkedHashSet<>();
        Query tasks = Query.query(Criteria.where("request.district").is(district).and("requester.channel").is(Recipient.SLACK));
        tasks.fields().include("requester.person");
        for (Document d : mongo.find(tasks, Document.class, TASKS)) {
            Document requester = d.get("requester", Document.class);
            if (requester != null && requester.getString("person") != null) {
                users.add(requester.getString("person"));
            }
        }
        Query forum = Query.query(Criteria.where("district").is(district).and("person.channel").is(Recipient.SLACK));
        forum.fields().include("person.address");
        for (Document d : mongo.find(forum, Document.class, Registration.COLLECTION)) {
            Document person = d.get("person", Document.class);
            if (person != null && person.getString("address") != null) {
                users.add(person.getString("address"));
            }
        }
        return users;
    }
}
