package se.foubot.knowledgegaps.slack;

import se.foubot.messaging.Card;

/** A button that opens the form of a new knowledge-gap round. */
record RoundFormCard() implements Card {
}
