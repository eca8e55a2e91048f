package se.foubot.messaging;

import java.util.Set;

/**
 * What one feature knows of who belongs to which district, from its own records (the tasks: who asked from where;
 * the forum: who registered from where). Features that need district membership ask every {@code DistrictTies}
 * instead of reading the other features' collections. Ids and district keys only, never what anyone wrote.
 */
public interface DistrictTies {

    /** The districts {@code person} has a tie to in this feature's records; empty when none. */
    Set<String> districtsOf(Recipient person);

    /** The Slack users with a tie to {@code district} in this feature's records. */
    Set<String> slackUsers(String district);
}
