package se.foubot.channels.slack;

import java.util.Optional;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;

/**
 * A {@code /fou …} word that needs Slack itself while Slack waits — opening a modal with the command's trigger id,
 * which lasts 3 seconds — such as {@code /fou forum ny}. Everything else {@code /fou} gets goes through the command
 * table and is answered in the person's DM.
 */
public interface SlackSlashCommand {

    /**
     * @param args what followed {@code /fou}, as the privacy guard left it
     * @return the ack, when this command took it
     */
    Optional<Response> handle(String user, String args, String triggerId, SlashCommandContext ctx);
}
