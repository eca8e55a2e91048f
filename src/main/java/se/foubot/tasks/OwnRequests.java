package se.foubot.tasks;

import java.util.List;

import se.foubot.messaging.Card;

/** A requester's own requests, newest first, as "status" shows them. */
public record OwnRequests(String title, List<SupportTask> tasks, se.foubot.conversation.Language language) implements Card {
}
