package se.foubot.forum;

import java.util.List;

import se.foubot.messaging.Card;

/** The coming meetings, shown to {@code viewer}'s eyes (Slack adds Register / Cancel buttons per meeting). */
public record MeetingList(List<Meeting> meetings) implements Card {
}
