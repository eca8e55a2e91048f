package se.foubot.tasks;

import java.util.Map;

/**
 * Who asked and how to reach them again: the channel they came from, their id there, and the
 * channel's own address details (for Slack: the DM channel, or the channel and thread of a mention).
 */
public record Requester(String channel, String person, Map<String, String> address) {
}
