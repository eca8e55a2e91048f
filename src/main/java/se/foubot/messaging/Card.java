package se.foubot.messaging;

/**
 * Something richer than text that a feature answers with (a list of meetings with their buttons, a person's
 * requests): a record of the feature's own. A channel that can show more than text looks up the feature's renderer
 * for it (Slack: {@code channels.slack.SlackCardRenderer}); every other channel shows the reply's text.
 */
public interface Card {
}
