package se.foubot.forum;

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
 * A person belongs to the districts they registered for FoU-forum from; for a mail address also a registration
 * made in Slack whose profile address it is.
 */
@Component
class ForumDistrictTies implements DistrictTies {

    private final MongoTemplate mongo;

    ForumDistrictTies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Set<String> districtsOf(Recipient person) {
        Set<String> districts = new LinkedHashSet<>();
        if (person == null || person.address() == null) {
            return districts;
        }
        boolean mail = person.isEmail();
        String exactly = "^" + Pattern.quote(person.address()) + "$";
        Criteria registered = Criteria.where("person.channel").is(person.channel()).and("person.address").regex(exactly, mail ? "i" : "");
        Query forum = Query.query(mail ? new Criteria().orOperator(registered, Criteria.where("email").regex(exactly, "i")) : registered);
        forum.fields().include("district");
        for (Document d : mongo.find(forum, Document.class, Registration.COLLECTION)) {
            if (d.getString("district") != null) {
                districts.add(d.getString("district"));
            }
        }
        return districts;
    }

    @Override
    public Set<String> slackUsers(String district) {
        Set<String> users = new LinkedHashSet<>();
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
