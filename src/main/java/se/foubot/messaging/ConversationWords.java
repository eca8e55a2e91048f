package se.foubot.messaging;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The words a chat conversation understands at any time ("avbryt", "tillbaka", "english"…) and the grant check's
 * opening words, in the command table so that "hjälp" lists them; the conversation answers them, so this command
 * takes no message itself. A chat's words: mail has no conversation to go back in.
 */
@Component
class ConversationWords implements Command {

    private static final String[] CHAT = {Recipient.SLACK, "terminal"};

    @Override
    public Optional<Reply> handle(Inbound message) {
        return Optional.empty();
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("kontrollera ansökan", "help.grant-check", 45).in(CHAT).inEnglish("check application"),
                new Usage("avbryt", "help.cancel", 900).in(CHAT).inEnglish("cancel"),
                new Usage("tillbaka / börja om", "help.steps", 901).in(CHAT).inEnglish("back / restart"),
                new Usage("english / svenska", "help.language", 902).in(CHAT));
    }
}
