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
 * Who belongs to a district, as the bot knows it: whoever has made a support request from it or registered for
 * FoU-forum from it, and the district's own addresses in the contacts list. Its Slack people are invited and reminded
 * in a DM besides the district's mailboxes; a person sees what their districts have sent and hears the outcome of it.
 * Read from the tasks' and the forum's collections (names only: ids, never what they wrote).
 */
@Component
class DistrictPeople {

    static final String TASKS = "support_tasks";

    private final MongoTemplate mongo;
    private final DistrictContacts contacts;

    DistrictPeople(MongoTemplate mongo, DistrictContacts contacts) {
        this.mongo = mongo;
        this.contacts = contacts;
    }

    /**
     * The districts {@code person} belongs to: those of their own support requests and forum registrations, and for a
     * mail address the district it is a contact of. Never what they said in the inventory itself (anyone can name a
     * district there). Empty when the bot knows none (a new person, the terminal).
     */
    Set<String> districtsOf(Recipient person) {
        Set<String> districts = new LinkedHashSet<>();
        if (person == null || person.address() == null) {
            return districts;
        }
        boolean mail = person.isEmail();
        if (mail) {
            contacts.districtOf(person.address()).ifPresent(districts::add);
        }
        Criteria requester = Criteria.where("requester.channel").is(person.channel()).and("requester.person")
                .regex("^" + java.util.regex.Pattern.quote(person.address()) + "$", mail ? "i" : "");
        Query tasks = Query.query(requester);
        tasks.fields().include("request.district");
        for (Document d : mongo.find(tasks, Document.class, TASKS)) {
            Document request = d.get("request", Document.class);
            if (request != null && request.getString("district") != null) {
                districts.add(request.getString("district"));
            }
        }
        Criteria registered = Criteria.where("person.channel").is(person.channel()).and("person.address")
                .regex("^" + java.util.regex.Pattern.quote(person.address()) + "$", mail ? "i" : "");
        Query forum = Query.query(mail ? new Criteria().orOperator(registered, Criteria.where("email")
                .regex("^" + java.util.regex.Pattern.quote(person.address()) + "$", "i")) : registered);
        forum.fields().include("district");
        for (Document d : mongo.find(forum, Document.class, Registration.COLLECTION)) {
            if (d.getString("district") != null) {
                districts.add(d.getString("district"));
            }
        }
        return districts;
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
