package se.foubot.knowledgegaps;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import se.foubot.messaging.DistrictTies;
import se.foubot.messaging.Recipient;

/**
 * Who belongs to a district, as the bot knows it: whoever has made a support request from it or registered for
 * FoU-forum from it (asked of those features through {@link DistrictTies}, never from their collections), and the
 * district's own addresses in the contacts list. Its Slack people are invited and reminded in a DM besides the
 * district's mailboxes; a person sees what their districts have sent and hears the outcome of it.
 */
@Component
class DistrictPeople {

    private final List<DistrictTies> ties;
    private final DistrictContacts contacts;

    DistrictPeople(List<DistrictTies> ties, DistrictContacts contacts) {
        this.ties = ties;
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
        if (person.isEmail()) {
            contacts.districtOf(person.address()).ifPresent(districts::add);
        }
        ties.forEach(t -> districts.addAll(t.districtsOf(person)));
        return districts;
    }

    Set<String> slackUsers(String district) {
        Set<String> users = new LinkedHashSet<>();
        ties.forEach(t -> users.addAll(t.slackUsers(district)));
        return users;
    }
}
