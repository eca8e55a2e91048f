package se.foubot.messaging;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * A person's e-mail address, whatever channel they wrote from: a mail's sender is one; a Slack user's is on their
 * profile. Features ask here (for an invite, for reminders by mail) without knowing the channel.
 */
@Component
public class Contacts {

    /** One channel's way of finding a person's address. */
    public interface Lookup {
        /** The {@link Recipient#channel()} this lookup serves. */
        String channel();

        /** The address, when the channel knows one (and can be asked now). */
        Optional<String> email(String address);
    }

    private final List<Lookup> lookups;

    Contacts(List<Lookup> lookups) {
        this.lookups = List.copyOf(lookups);
    }

    public Optional<String> email(Recipient person) {
        if (person.isEmail()) {
            return Optional.of(person.address());
        }
        return lookups.stream().filter(l -> l.channel().equals(person.channel())).findFirst()
                .flatMap(l -> l.email(person.address()));
    }
}
