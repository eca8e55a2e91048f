package se.foubot.channels.slack;

import java.util.Optional;

import org.springframework.stereotype.Component;

import se.foubot.messaging.Contacts;

/** A Slack user's e-mail address, from their profile; none when Slack cannot be asked just now. */
@Component
@ConditionalOnSlack
class SlackContacts implements Contacts.Lookup {

    private final SlackApi api;

    SlackContacts(SlackApi api) {
        this.api = api;
    }

    @Override
    public String channel() {
        return SlackText.CHANNEL;
    }

    @Override
    public Optional<String> email(String user) {
        try {
            return api.userEmail(user);
        } catch (SlackApi.SlackCallFailed e) {
            return Optional.empty();
        }
    }
}
