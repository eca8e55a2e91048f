package se.foubot.forum;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Dates;
import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/**
 * How meetings are described to people, from the forum's bundle, in the person's language. Where that language is not
 * known (a registration made before it was kept, or by someone the bot has never talked with), a text is written in
 * Swedish and then in English.
 */
@Component
public class ForumTexts {

    private final Texts texts;
    private final ZoneId zone;
    private final Clock clock;

    public ForumTexts(Texts texts, ZoneId zone, Clock clock) {
        this.texts = texts;
        this.zone = zone;
        this.clock = clock;
    }

    /** The bundle's text for {@code key}; see {@link Texts#get}. */
    public String text(Language l, String key, Object... namesAndValues) {
        return texts.get(l, key, namesAndValues);
    }

    /** {@code text} in the person's language; in Swedish and then English when {@code l} is null (not known). */
    /** A meeting id as someone wrote it, to say back: at most 60 characters (a pasted page is not echoed whole). */
    public static String asWritten(String id) {
        return id.length() > 60 ? id.substring(0, 60) + "…" : id;
    }

    public static String in(Language l, Function<Language, String> text) {
        return l != null ? text.apply(l) : text.apply(Language.SV) + "\n\n" + text.apply(Language.EN);
    }

    /**
     * A mail to a registrant, greeted and signed as the bot's every letter ({@link Texts#letter}) in their language; where
     * that is not known, a whole letter in Swedish and then one in English, as {@link #in} writes a text.
     */
    public String letter(Language l, Function<Language, String> body) {
        return in(l, x -> texts.letter(x, body.apply(x)).stripTrailing()) + "\n";
    }

    /**
     * A meeting's title in a sentence, quoted as the language quotes: ”Titel” in Swedish, “Title” in English. Every
     * answer and notice that names a meeting in a sentence names it so; a list's heading, a subject and a meeting's
     * description show the title alone (bold in Slack's list).
     */
    public String quoted(String title, Language l) {
        return texts.get(l, "forum.quoted", "title", title);
    }

    /** A day as people read it: "onsdag 10 mars 2027". */
    static String day(LocalDate date) {
        return Dates.date(date, Language.SV);
    }

    /** "onsdag 10 mars 2027 kl. 13.00–16.00" / "Wednesday 10 March 2027 at 13:00–16:00". */
    public String when(Meeting m, Language l) {
        return Dates.dateTime(m.start().atZone(zone), l) + "–" + Dates.time(m.end().atZone(zone), l);
    }

    /** The meeting in a few lines, for lists, confirmations and reminders. */
    public String describe(Meeting m, Language l) {
        StringBuilder b = new StringBuilder();
        b.append(m.title()).append(" (").append(m.id()).append(")\n")
                .append(texts.get(l, "forum.describe.when", "when", when(m, l))).append("\n")
                .append(texts.get(l, "forum.describe.where", "place", m.place()))
                .append(m.videoLink() != null ? " " + texts.get(l, "forum.describe.remote", "link", m.videoLink()) : "").append("\n")
                .append(seatsAndDeadline(m, l));
        if (m.description() != null) {
            b.append("\n").append(m.description());
        }
        if (m.agenda() != null) {
            b.append("\n").append(texts.get(l, "forum.describe.agenda", "agenda", m.agenda()));
        }
        return b.toString();
    }

    /**
     * "Platser: 3 lediga platser av 20 · sista anmälan måndag 1 mars 2027", "Fullbokat (20 platser) · sista anmälan …";
     * once the last day to register has passed, "· anmälan stängd" (helper 122: a closed meeting was listed as open).
     */
    String seatsAndDeadline(Meeting m, Language l) {
        String seats = full(m) ? capitalised(seats(m, l)) : texts.get(l, "forum.describe.seats", "seats", seats(m, l));
        return seats + " · " + registration(m, l);
    }

    /** "sista anmälan måndag 1 mars 2027", or "anmälan stängd" once it has closed (a cancelled meeting keeps its day). */
    public String registration(Meeting m, Language l) {
        return closed(m) ? texts.get(l, "forum.describe.closed")
                : texts.get(l, "forum.describe.deadline", "deadline", Dates.date(m.registrationDeadline().minusSeconds(1).atZone(zone)
                        .toLocalDate(), l));
    }

    /**
     * When registration closes, as people read it: its last day ("måndag 1 mars 2027"), or, when it closes at the
     * meeting's start (a last day on the meeting's own day), that day and hour ("onsdag 10 mars 2027 kl. 13.00") — so a
     * deadline moved with the meeting within its day is not told as moved from a day to the same day.
     */
    public String closes(Meeting m, Language l) {
        var closing = m.registrationDeadline().atZone(zone);
        return closing.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? Dates.date(closing.minusDays(1).toLocalDate(), l)
                : Dates.dateTime(closing, l);
    }

    /**
     * What the coordinator is told when a change moved the moment registration closes: "Sista anmälan flyttades från …
     * till …", and that registration has closed when the new moment has passed. Empty when it did not move.
     */
    public java.util.Optional<String> deadlineMoved(Meeting before, Meeting after, Language l) {
        if (!ForumService.closesElsewhere(before, after)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(texts.get(l, closed(after) ? "forum.deadline.moved-closed" : "forum.deadline.moved", "from",
                closes(before, l), "to", closes(after, l)));
    }

    /** What the registered are told with a change that moved it: "Sista anmälan är nu …" (or that it has closed). */
    public java.util.Optional<String> deadlineNow(Meeting before, Meeting after, Language l) {
        if (!ForumService.closesElsewhere(before, after)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(texts.get(l, closed(after) ? "forum.deadline.now-closed" : "forum.deadline.now", "deadline",
                closes(after, l)));
    }

    /** Whether registration for {@code m}, not cancelled, has closed (its last day to register has passed). */
    public boolean closed(Meeting m) {
        return !m.cancelled() && !m.open(clock.instant());
    }

    private static boolean full(Meeting m) {
        return m.capacity() - m.seats() <= 0;
    }

    /** The meeting's day as people read it: "onsdag 19 maj 2027". */
    public String date(Meeting m, Language l) {
        return Dates.date(m.start().atZone(zone).toLocalDate(), l);
    }

    /** What a change changed, as a list ("tiden, platsen och dagordningen"), from {@code forum.changed.*}. */
    public String changes(java.util.Collection<String> changed, Language l) {
        List<String> names = changed.stream().map(c -> texts.get(l, "forum.changed." + c)).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + texts.get(l, "forum.changed.and") + " "
                + names.get(names.size() - 1);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "1 ledig plats av 2", "3 lediga platser av 20", "fullbokat (20 platser)". */
    public String seats(Meeting m, Language l) {
        int free = m.capacity() - m.seats();
        if (free <= 0) {
            return texts.get(l, m.capacity() == 1 ? "forum.seats.full.one" : "forum.seats.full", "capacity", Texts.count(m.capacity(), l));
        }
        return texts.get(l, free == 1 ? "forum.seats.free.one" : "forum.seats.free", "free", Texts.count(free, l), "capacity",
                Texts.count(m.capacity(), l));
    }

    /** What kind of agenda item a proposal is: "Gott exempel", "Fråga", "Kunskapslucka". */
    public String proposalKind(String kind, Language l) {
        return texts.get(l, switch (kind == null ? "" : kind) {
            case "example" -> "forum.proposal.example";
            case "question" -> "forum.proposal.question";
            case "gap" -> "forum.proposal.gap";
            default -> "forum.proposal.other";
        });
    }
}
