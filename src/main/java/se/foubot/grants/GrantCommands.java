package se.foubot.grants;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * Grant reminders, from any channel. In a chat, "bevakning [LUM|MUL]" subscribes (to the programmes it names, both
 * when it names none) and "bevakning av" stops; the reminders go to the person's e-mail address when the channel
 * knows one (a Slack profile's), otherwise where they wrote. In mail, a subject that says "bevakning"/"subscribe"
 * subscribes the sender, and a mail or reply that says just "avsluta"/"unsubscribe" stops them.
 */
@Component
class GrantCommands implements Command {

    private static final Set<String> STOP = Set.of("avsluta", "avsluta bevakning", "avsluta prenumeration", "sluta",
            "unsubscribe", "stop", "avregistrera");
    private static final Set<String> CHAT_STOP = Set.of("av", "avsluta", "stop", "off", "unsubscribe", "sluta");
    /**
     * "bevakning av LUM": the reminders stop, all of them, as with "bevakning av" ("avbevaka LUM" and "unsubscribe LUM"
     * stop only LUM's: {@link #stopNamed}; a programme must be named: "avbevaka" alone may mean the forum news, whose
     * command takes "avbevaka forum").
     */
    private static final java.util.regex.Pattern STOP_NAMING = java.util.regex.Pattern.compile(
            "^(?:(?:avbevaka|avbevakning|unsubscribe)(?: (?:lum|mul|och|and))* (?:lum|mul)"
                    + "|bevakning (?:av|avsluta|stop|off|unsubscribe|sluta)(?: (?:lum|mul|och|and))*)$");
    /**
     * What may stand beside "bevakning" for both programmes: polite words, "båda", "alla", words of the reminders
     * themselves. Other words name something else ("bevakning av nya projekt"), which is asked back (helpers 118, 119).
     */
    private static final Set<String> FOR_ALL = Set.of("tack", "snalla", "garna", "please", "thanks", "bada", "alla", "all", "both",
            "pa", "for", "mig", "oss", "av", "om", "jag", "vi", "vill", "ha", "fa", "att", "bidrag", "bidragen", "ansokningar",
            "ansokan", "utlysningar", "sista", "dagen", "dagarna", "infor", "paminnelser", "paminnelse", "reminders", "reminder",
            "deadlines", "grant", "grants", "i", "me", "to", "about", "the", "want", "would", "like");
    /** The mail thread of the question back ("Vill du ha påminnelser …?"), whose answer subscribes. */
    private static final String WHICH_THREAD = "grants-which";
    private static final Set<String> YES = Set.of("ja", "ja tack", "jo", "garna", "ja garna", "yes", "yes please", "ok",
            "okej");
    private static final Set<String> START_WORDS = Set.of("bevakning", "bevaka", "prenumerera", "subscribe", "paminnelser");

    private final GrantSubscriptions subscriptions;
    private final GrantCalendar calendar;
    private final Contacts contacts;
    private final Notifier notifier;
    private final Texts texts;

    GrantCommands(GrantSubscriptions subscriptions, GrantCalendar calendar, Contacts contacts, Notifier notifier, Texts texts) {
        this.subscriptions = subscriptions;
        this.calendar = calendar;
        this.contacts = contacts;
        this.notifier = notifier;
        this.texts = texts;
    }

    @Override
    public List<Usage> usage() {
        // the terminal knows no address to remind: only where a person has one
        return List.of(new Usage("bevakning [LUM|MUL]", "grants.help.subscribe", 40).in(Recipient.SLACK, Recipient.EMAIL)
                        .inEnglish("subscribe [LUM|MUL]"),
                new Usage("bevakning av", "grants.help.stop", 41).in(Recipient.SLACK, Recipient.EMAIL).inEnglish("unsubscribe"),
                new Usage("avbevaka LUM|MUL", "grants.help.stop-one", 41).in(Recipient.SLACK, Recipient.EMAIL)
                        .inEnglish("unsubscribe LUM|MUL"));
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        return m.isMail() ? mail(m) : chat(m);
    }

    /**
     * "avbevaka LUM" (or MUL, or both): stops those reminders and keeps the others. Only programme names may follow,
     * so "avbevaka forum" is the forum's.
     */
    private Optional<Reply> stopNamed(Inbound m, String line) {
        if (!line.startsWith("avbevaka ")) {
            return Optional.empty();
        }
        if (!stopNamedWords(line)) {
            return Optional.empty();
        }
        List<String> named = named(line);
        String channel = m.isMail() ? Recipient.EMAIL : m.from().channel();
        Optional<Subscriber> before = subscriptions.find(channel, m.from().address()).filter(Subscriber::active);
        if (before.isEmpty() || before.get().programmes().stream().noneMatch(named::contains)) {
            return Optional.of(Reply.text(texts.get(m.language(), m.isMail() ? "grants.nothing-to-stop.mail" : "grants.nothing-to-stop.chat")));
        }
        List<String> left = before.get().programmes().stream().filter(p -> !named.contains(p)).toList();
        if (left.isEmpty()) {
            subscriptions.unsubscribe(channel, m.from().address());
            return Optional.of(Reply.text(texts.get(m.language(), m.isMail() ? "grants.stopped.mail" : "grants.stopped.chat")));
        }
        Subscriber s = before.get();
        subscriptions.subscribe(s.channel(), s.address(), s.email(), s.district(), left, s.language(), s.source());
        String and = texts.get(m.language(), "grants.and");
        return Optional.of(Reply.text(texts.get(m.language(), "grants.stopped.some", "stopped",
                String.join(and, before.get().programmes().stream().filter(named::contains).toList()), "left", String.join(and, left))));
    }

    /** The programmes after "avbevaka", when only programme names follow. */
    private List<String> named(String line) {
        return List.of(line.substring("avbevaka ".length()).toUpperCase(java.util.Locale.ROOT).split("[\\s,]+")).stream()
                .filter(w -> !w.isBlank() && !w.equals("OCH") && !w.equals("AND")).toList();
    }

    /**
     * "bevakning LUM och forum": the forum's news is a command of its own, said rather than dropped (helpers 119, 120);
     * empty when {@code words} do not name the forum.
     */
    private String forumHint(String words, se.foubot.conversation.Language language) {
        return List.of(words.split(" ")).stream().anyMatch(w -> w.startsWith("forum"))
                ? "\n\n" + texts.get(language, "grants.forum-too") : "";
    }

    /** Words (folded) that name no programme and not only the reminders: "forum åäö", "av nya projekt". */
    private boolean namesSomethingElse(String words) {
        return calendar.programmesNamed(words).isEmpty() && !List.of(words.split(" ")).stream()
                .allMatch(w -> FOR_ALL.contains(w) || START_WORDS.contains(w));
    }

    private boolean stopNamedWords(String line) {
        if (!line.startsWith("avbevaka ")) {
            return false;
        }
        List<String> named = named(line);
        return !named.isEmpty() && calendar.programmesNamedIn("").containsAll(named);
    }

    private Optional<Reply> chat(Inbound m) {
        String line = inSwedish(TextNormalizer.normalize(m.firstLine()));
        Optional<Reply> stopped = stopNamed(m, line);
        if (stopped.isPresent()) {
            return stopped;
        }
        boolean stop = STOP_NAMING.matcher(line).matches();
        if (!stop && !line.equals("bevakning") && !line.startsWith("bevakning ")) {
            return Optional.empty();
        }
        String args = stop ? "" : line.substring("bevakning".length()).strip();
        if (stop || CHAT_STOP.contains(args)) {
            return Optional.of(Reply.text(texts.get(m.language(), subscriptions.unsubscribe(m.from().channel(), m.from().address())
                    ? "grants.stopped.chat" : "grants.nothing-to-stop.chat")));
        }
        if (!args.isEmpty() && namesSomethingElse(args)) {
            // "bevakning forum-träffar", "bevakning av nyheter": not the grants, whatever it is — asked back instead of
            // subscribing the person to both programmes (helper 118)
            return Optional.of(Reply.text(texts.get(m.language(), "grants.which")));
        }
        List<String> programmes = calendar.programmesNamedIn(args);
        Optional<String> email = contacts.email(m.from());
        if (email.isEmpty() && !notifier.has(m.from().channel())) {
            return Optional.of(Reply.text(texts.get(m.language(), "grants.no-way-to-remind")));
        }
        subscriptions.subscribe(m.from().channel(), m.from().address(), email.orElse(null), null, programmes,
                m.language().code(), m.from().channel());
        String names = String.join(texts.get(m.language(), "grants.and"), programmes);
        String said = email.map(e -> texts.get(m.language(), "grants.subscribed.email", "programmes", names, "email", e))
                .orElseGet(() -> texts.get(m.language(), "grants.subscribed.here", "programmes", names));
        return Optional.of(Reply.text(said + forumHint(args, m.language())));
    }

    private Optional<Reply> mail(Inbound m) {
        String firstLine = TextNormalizer.normalize(m.firstLine());
        String subject = TextNormalizer.normalize(m.subject().replaceFirst("(?i)^\\s*((re|sv|aw|vs|fw|fwd)\\s*:\\s*)+", ""));
        String named = stopOneInSwedish(firstLine).startsWith("avbevaka ") ? stopOneInSwedish(firstLine) : stopOneInSwedish(subject);
        if (m.thread() == null && named.startsWith("avbevaka ") && !m.senderProven()
                && stopNamedWords(named)) {
            return Optional.of(Reply.confirmFirst(texts.get(m.language(), "grants.confirm.stop")));
        }
        Optional<Reply> stopped = m.thread() == null ? stopNamed(m, named) : Optional.empty();
        if (stopped.isPresent()) {
            return stopped.map(r -> r.inThread("grants"));
        }
        if (STOP.contains(firstLine) || STOP.contains(subject) || STOP_NAMING.matcher(firstLine).matches()
                || STOP_NAMING.matcher(subject).matches()) {
            if (!m.senderProven()) {
                return Optional.of(Reply.confirmFirst(texts.get(m.language(), "grants.confirm.stop")));
            }
            boolean was = subscriptions.unsubscribeEmail(m.from().address());
            return Optional.of(Reply.text(texts.get(m.language(), was ? "grants.stopped.mail" : "grants.nothing-to-stop.mail"))
                    .inThread("grants"));
        }
        // in the subject, or as the first line of a new mail ("bevakning LUM" under "Hej"; helper 120) — a first line
        // that says more ("Påminnelser till brukarna om …") begins a request as before
        String asked = START_WORDS.stream().anyMatch(w -> (" " + subject + " ").contains(" " + w + " ")) ? subject
                : START_WORDS.contains(firstLine.split(" ")[0]) && !namesSomethingElse(firstLine) ? firstLine : null;
        if (m.thread() == null && asked != null) {
            if (calendar.programmesNamed(m.text()).isEmpty() && namesSomethingElse(asked)) {
                return Optional.of(Reply.text(texts.get(m.language(), "grants.which")).inThread(WHICH_THREAD));
            }
            Reply subscribed = subscribeByMail(m, calendar.programmesNamedIn(m.subject() + " " + m.text()));
            String hint = subscribed.needsProof() ? "" : forumHint(asked, m.language());
            return Optional.of(hint.isEmpty() ? subscribed : new Reply(subscribed.text() + hint, subscribed.choices(), subscribed.thread(),
                    false, subscribed.card()));
        }
        if (WHICH_THREAD.equals(m.thread()) && (YES.contains(firstLine) || !calendar.programmesNamed(firstLine).isEmpty())) {
            // the answer to "Vill du ha påminnelser … för LUM och MUL?": "ja" is both, a programme named is that one
            // (helper 120: "ja" began a support request)
            return Optional.of(subscribeByMail(m, calendar.programmesNamedIn(firstLine)));
        }
        return Optional.empty();
    }

    /**
     * The English words of a chat as the Swedish ones: "subscribe LUM" is "bevakning LUM" (helper 120), "unsubscribe"
     * alone "bevakning av", and "unsubscribe LUM" "avbevaka LUM" — the words the English help names, doing what the
     * Swedish ones do.
     */
    private static String inSwedish(String written) {
        if (written.equals("subscribe") || written.startsWith("subscribe ")) {
            return "bevakning" + written.substring("subscribe".length());
        }
        return written.equals("unsubscribe") ? "bevakning av" : stopOneInSwedish(written);
    }

    /** "unsubscribe MUL" as "avbevaka MUL": only MUL's reminders stop, in chat and mail alike, as the help says. */
    private static String stopOneInSwedish(String written) {
        return written.startsWith("unsubscribe ") ? "avbevaka" + written.substring("unsubscribe".length()) : written;
    }

    private Reply subscribeByMail(Inbound m, List<String> programmes) {
        String names = String.join(texts.get(m.language(), "grants.and"), programmes);
        if (!m.senderProven()) {
            return Reply.confirmFirst(texts.get(m.language(), "grants.confirm.subscribe", "programmes", names));
        }
        subscriptions.subscribe("email", m.from().address(), m.from().address(), null, programmes, m.language().code(), "email");
        return Reply.text(texts.get(m.language(), "grants.subscribed.mail", "programmes", names)).inThread("grants");
    }
}
