package se.foubot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Many notices at once: each channel gets its share in one call, each key once; a channel not set up gets none. */
class NotifierTest {

    /** A channel that remembers what it was given, and in how many calls. */
    static final class Recorded implements NoticeChannel {
        final String name;
        final Set<String> keys = new LinkedHashSet<>();
        final List<Integer> calls = new ArrayList<>();

        Recorded(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean queue(String key, String address, Notice notice) {
            return keys.add(key);
        }

        @Override
        public Set<String> queueAll(List<Queued> notices) {
            calls.add(notices.size());
            return NoticeChannel.super.queueAll(notices);
        }
    }

    @Test
    void aFanOutGivesEachChannelItsShareInOneCallAndCountsWhatWasQueuedNow() {
        Recorded mail = new Recorded(Recipient.EMAIL);
        Recorded slack = new Recorded(Recipient.SLACK);
        Notifier notifier = new Notifier(List.of(mail, slack));
        Notice reminder = Notice.of("Påminnelse: LUM-ansökan stänger 10 september", "Sista dag för ansökan är 10 september.");
        mail.queue("grant:lum:1", "anna@stockholm.se", reminder); // queued before a restart

        List<Notifier.Addressed> all = List.of(
                new Notifier.Addressed("grant:lum:1", Recipient.email("anna@stockholm.se"), reminder),
                new Notifier.Addressed("grant:lum:2", Recipient.email("per@stockholm.se"), reminder),
                new Notifier.Addressed("grant:lum:3", Recipient.slack("U042"), reminder),
                new Notifier.Addressed("grant:lum:4", new Recipient("sms", "0701234567"), reminder));

        assertThat(notifier.sendAll(all)).isEqualTo(2);
        assertThat(mail.calls).containsExactly(2);
        assertThat(slack.calls).containsExactly(1);
        assertThat(mail.keys).containsExactly("grant:lum:1", "grant:lum:2");
        assertThat(slack.keys).containsExactly("grant:lum:3");
        assertThat(notifier.sendAll(all)).as("everything queued before").isZero();
    }
}
