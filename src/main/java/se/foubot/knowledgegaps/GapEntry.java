package se.foubot.knowledgegaps;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.messaging.Recipient;

/**
 * One knowledge gap or challenge in a round ("kl-2027-007"), from whatever way it came: the Slack or terminal flow, a
 * mail answer, a FoU-forum agenda proposal of kind "kunskapslucka", a support task an analyst added. {@code sourceKey}
 * is unique (the flow run, the mail, the registration, the task), so what arrives twice is one entry.
 *
 * @param theme       a theme id of lists/knowledge-gap-themes.yaml
 * @param ownTheme    the person's own words for the theme, when they chose "another theme"; or null
 * @param themeSorted the theme was given by the rules (rules/knowledge-gap-themes.yaml), not chosen
 * @param perspective verksamhet or klient; null when not said (forum, task, an incomplete mail)
 * @param help        what kind of knowledge would help; null when not said
 * @param level       stadsovergripande or lokal; null when not said
 * @param urgency     hog, medel or lag; null when not said
 * @param groupId     the group it belongs to once the round is grouped
 * @param anonymisedAt when retention removed its text and sender; null until then
 */
@Document(GapEntry.COLLECTION)
public record GapEntry(@Id String id, String roundId, String sourceKey, Source source, String district, Recipient person,
        String theme, String ownTheme, boolean themeSorted, String perspective, String text, String help, String level,
        String urgency, String groupId, Instant createdAt, Instant updatedAt, Instant anonymisedAt) {

    public static final String COLLECTION = "knowledge_gap_entries";

    /** How the entry came into the inventory. */
    public enum Source {
        SLACK, EMAIL, TERMINAL, FORUM, TASK
    }
}
