package se.foubot.channels.slack;

import java.util.ArrayList;
import java.util.List;

import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;

/**
 * The workspace and organisation ids a request's payload itself names. Bolt's context takes the team from the
 * installation (one workspace: the token's), so what the payload says is read here: its ids go into log lines and the
 * store ({@link RefuseMalformedIds}), and they say where the request comes from ({@link RefuseOtherWorkspaces}).
 */
final class PayloadTeams {

    private PayloadTeams() {
    }

    static List<String> of(Request<?> req, EventEnvelopes envelopes) {
        List<String> teams = new ArrayList<>();
        if (req instanceof SlashCommandRequest command) {
            teams.add(command.getPayload().getTeamId());
            teams.add(command.getPayload().getEnterpriseId());
        } else if (req instanceof BlockActionRequest click) {
            var p = click.getPayload();
            teams.add(p.getTeam() == null ? null : p.getTeam().getId());
            teams.add(p.getTeam() == null ? null : p.getTeam().getEnterpriseId());
            teams.add(p.getEnterprise() == null ? null : p.getEnterprise().getId());
            teams.add(p.getUser() == null ? null : p.getUser().getTeamId());
        } else if (req instanceof ViewSubmissionRequest form) {
            var p = form.getPayload();
            teams.add(p.getTeam() == null ? null : p.getTeam().getId());
            teams.add(p.getTeam() == null ? null : p.getTeam().getEnterpriseId());
            teams.add(p.getEnterprise() == null ? null : p.getEnterprise().getId());
            teams.add(p.getUser() == null ? null : p.getUser().getTeamId());
        } else if (req instanceof EventRequest event) {
            teams.addAll(envelopes.of(event).teams());
        }
        // Slack leaves an id out, or empty, where there is none (no organisation): empty is absent
        teams.removeIf(t -> t == null || t.isEmpty());
        return teams;
    }
}
