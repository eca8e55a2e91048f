package se.foubot.forum.slack;

import se.foubot.messaging.Card;

/** The button that confirms cancelling {@code meeting}: "forum ställ in ID" only asks, the click cancels. */
record CancelMeetingCard(String meeting) implements Card {
}
