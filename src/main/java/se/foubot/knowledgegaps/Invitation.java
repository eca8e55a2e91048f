package se.foubot.knowledgegaps;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.messaging.Recipient;

/**
 * That a person was invited to (or reminded of) a round in Slack, for a district: what they write afterwards goes to
 * that round. Kept while the round takes answers; deleted when it closes.
 */
@Document(Invitation.COLLECTION)
record Invitation(@Id String id, String roundId, String district, Recipient person, Instant at) {

    static final String COLLECTION = "knowledge_gap_invitations";

    static String id(String roundId, Recipient person) {
        return roundId + ":" + person.channel() + ":" + person.address();
    }
}
