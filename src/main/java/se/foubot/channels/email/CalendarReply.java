package se.foubot.channels.email;

/**
 * What a received iMIP mail (text/calendar with METHOD REPLY, COUNTER, REFRESH, …) says, read from its
 * iCalendar part; the part itself is not kept.
 *
 * @param method   REPLY, COUNTER, REFRESH, DECLINECOUNTER, … (upper case)
 * @param uid      the event's UID; the bot's own invites have "{meeting}@fou-bot"
 * @param attendee the answering ATTENDEE's address (without mailto:), or null
 * @param partstat the attendee's PARTSTAT: ACCEPTED, TENTATIVE, DECLINED, …, or null
 */
public record CalendarReply(String method, String uid, String attendee, String partstat) {
}
