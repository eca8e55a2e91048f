package se.foubot.tasks;

import java.time.LocalDate;

import org.springframework.data.annotation.PersistenceCreator;

/**
 * What a district asked for, as confirmed at the end of the intake, or a question the bot could not answer and
 * handed to the analysts.
 *
 * @param requestedCategory the category id the person chose, or "vet-inte"
 * @param neededBy          the desired date, if any
 * @param kind              {@link #REQUEST} (a request for support) or {@link #QUESTION} (a question for an analyst, in
 *                          the person's words); tasks stored before there were kinds are requests
 */
public record SupportRequest(
        String district,
        String role,
        String concern,
        String initiative,
        String requestedCategory,
        LocalDate neededBy,
        String contactEmail,
        String language,
        String kind) {

    public static final String REQUEST = "request";
    public static final String QUESTION = "question";

    @PersistenceCreator
    public SupportRequest {
        kind = kind == null ? REQUEST : kind;
    }

    /** A request for support. */
    public SupportRequest(String district, String role, String concern, String initiative, String requestedCategory,
            LocalDate neededBy, String contactEmail, String language) {
        this(district, role, concern, initiative, requestedCategory, neededBy, contactEmail, language, REQUEST);
    }

    /**
     * A question for an analyst, in the person's words; {@code district} when what they answer names it (a reply to a
     * district's outcome letter), else null.
     */
    public static SupportRequest question(String words, String district, String contactEmail, String language) {
        return new SupportRequest(district, null, words, null, null, null, contactEmail, language, QUESTION);
    }

    /**
     * The concern as a list or card shows it: "–" when there is none, as for a missing date — a flow edited to ask no
     * concern makes such tasks, and a list must not say "null" (helper 116).
     */
    public String concernShown() {
        return concern == null || concern.isBlank() ? "–" : concern;
    }

    /**
     * {@link #concernShown} on one line, as a list shows it: a mail's text keeps its line breaks ("Hej!" on a line of
     * its own), which broke a list item in two (helper 118).
     */
    public String concernOnOneLine() {
        return concernShown().strip().replaceAll("\\s+", " ");
    }

    public boolean isQuestion() {
        return QUESTION.equals(kind);
    }

    /** The language the request was made in; Swedish when none was kept. */
    public se.foubot.conversation.Language spokenLanguage() {
        return "en".equals(language) ? se.foubot.conversation.Language.EN : se.foubot.conversation.Language.SV;
    }
}
