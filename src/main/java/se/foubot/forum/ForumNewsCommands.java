package se.foubot.forum;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import se.foubot.conversation.TextNormalizer;
import se.foubot.messaging.Command;
import se.foubot.messaging.Contacts;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Reply;
import se.foubot.messaging.Texts;

/**
 * News of FoU-forum, from any channel: "bevakning forum" asks to hear when a new meeting is planned, "avbevaka forum"
 * (or "bevakning forum av") stops it. The news goes to the person's e-mail address when the channel knows one (a Slack
 * profile's), otherwise where they wrote. In mail the words may be the subject or the first line; a mail changes
 * someone's subscription only when its sender is proven.
 */
@Component
// before the grant reminders' "bevakning [LUM|MUL]", which would take "bevakning forum" for both programmes
@Order(0)
class ForumNewsCommands implements Command {

    private static final Set<String> START = Set.of("bevakning forum", "bevaka forum", "subscribe forum");
    private static final Set<String> STOP = Set.of("avbevaka forum", "bevakning forum av", "bevakning forum avsluta",
            "unsubscribe forum");

    private final ForumNews news;
    private final Contacts contacts;
    private final Notifier notifier;
    private final Texts texts;

    ForumNewsCommands(ForumNews news, Contacts contacts, Notifier notifier, Texts texts) {
        this.news = news;
        this.contacts = contacts;
        this.notifier = notifier;
        this.texts = texts;
    }

    /** Words that start or stop a subscription and say nothing of what to: "bevakning forum, tack". */
    private static final Set<String> POLITE = Set.of("tack", "snalla", "garna", "please", "thanks", "thank", "you", "sa", "mycket");
    private static final Set<String> START_VERBS = Set.of("bevakning", "bevaka", "subscribe", "prenumerera", "prenumeration");
    private static final Set<String> STOP_VERBS = Set.of("avbevaka", "avbevakning", "unsubscribe");
    private static final Set<String> OFF = Set.of("av", "avsluta", "stop", "off", "sluta");
    private static final Set<String> AROUND_THE_FORUM = Set.of("fou", "om", "nya", "nytt", "till", "for", "pa", "moten", "motena",
            "nyheter", "to", "of", "new", "the", "news", "meetings");

    /**
     * "bevakning forum" in the words people write it: a polite word after it ("bevakning forum, tack"), "forumet" or
     * "forum-möten", "bevakning av forum-möten". Before, anything but the exact phrase went on to the grant reminders'
     * "bevakning …", which subscribed the person to LUM and MUL instead (helper 118).
     */
    static boolean starts(String line) {
        List<String> words = List.of(line.split(" "));
        return START.contains(line) || START_VERBS.contains(words.get(0)) && aboutTheForum(words) && !stops(line);
    }

    /** "avbevaka forum", "bevakning forum av", "unsubscribe forum, please". */
    static boolean stops(String line) {
        List<String> words = List.of(line.split(" "));
        if (STOP.contains(line)) {
            return true;
        }
        if (!aboutTheForum(words)) {
            return false;
        }
        List<String> meant = words.stream().filter(w -> !POLITE.contains(w)).toList();
        return STOP_VERBS.contains(words.get(0)) || START_VERBS.contains(words.get(0)) && meant.size() > 2
                && OFF.contains(meant.get(meant.size() - 1));
    }

    /** A word for the forum, and besides the verb only words around it ("av", "nya", "möten", "news") and polite words. */
    private static boolean aboutTheForum(List<String> words) {
        boolean forum = false;
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("forum")) {
                forum = true;
            } else if (!POLITE.contains(word) && !OFF.contains(word) && !AROUND_THE_FORUM.contains(word)) {
                return false;
            }
        }
        return forum;
    }

    @Override
    public List<Usage> usage() {
        // the terminal knows no address to send news to: only where a person has one
        return List.of(new Usage("bevakning forum", "forum.help.news", 32).in(Recipient.SLACK, Recipient.EMAIL).inEnglish("subscribe forum"),
                new Usage("avbevaka forum", "forum.help.news-stop", 33).in(Recipient.SLACK, Recipient.EMAIL).inEnglish("unsubscribe forum"));
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        String line = TextNormalizer.normalize(m.firstLine());
        String subject = TextNormalizer.normalize(m.subject().replaceFirst("(?i)^\\s*((re|sv|aw|vs|fw|fwd)\\s*:\\s*)+", ""));
        // in a reply to a forum mail (an announcement) the word alone is enough
        boolean stop = stops(line) || (m.isMail() && (stops(subject)
                || (line.equals("avbevaka") && m.thread() != null && m.thread().startsWith("forum"))));
        boolean start = !stop && (starts(line) || (m.isMail() && starts(subject)));
        if (stop) {
            if (!m.senderProven()) {
                return Optional.of(Reply.confirmFirst(texts.get(m.language(), "forum.news.confirm.stop")));
            }
            boolean was = m.isMail() ? news.unsubscribeEmail(m.from().address()) : news.unsubscribe(m.from().channel(), m.from().address());
            return Optional.of(Reply.text(texts.get(m.language(), was ? "forum.news.stopped" : "forum.news.nothing-to-stop")));
        }
        if (!start) {
            return Optional.empty();
        }
        if (!m.senderProven()) {
            return Optional.of(Reply.confirmFirst(texts.get(m.language(), "forum.news.confirm.subscribe")));
        }
        if (m.isMail()) {
            news.subscribe(m.from().channel(), m.from().address(), m.from().address(), m.language().code());
            return Optional.of(Reply.text(texts.get(m.language(), "forum.news.subscribed.mail")));
        }
        Optional<String> email = contacts.email(m.from());
        if (email.isEmpty() && !notifier.has(m.from().channel())) {
            return Optional.of(Reply.text(texts.get(m.language(), "forum.news.no-way")));
        }
        news.subscribe(m.from().channel(), m.from().address(), email.orElse(null), m.language().code());
        return Optional.of(Reply.text(email.map(e -> texts.get(m.language(), "forum.news.subscribed.email", "email", e))
                .orElseGet(() -> texts.get(m.language(), "forum.news.subscribed.here"))));
    }
}
