package se.foubot.forum.slack;

import se.foubot.messaging.Card;

/** A button that opens the planning form, for a new meeting ({@code meeting} empty) or to change {@code meeting}. */
record PlanFormCard(String meeting) implements Card {
}
