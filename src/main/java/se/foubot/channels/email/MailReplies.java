package se.foubot.channels.email;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import se.foubot.conversation.AnswerType;
import se.foubot.conversation.Dates;
import se.foubot.conversation.Language;
import se.foubot.conversation.Step;
import se.foubot.conversation.WrittenForm;
import se.foubot.language.TextAnalysis;
import se.foubot.messaging.Texts;

/**
 * The bot's answers to mail, from the message bundles: greeting, text, what the bot has to say about the mail it
 * answers ({@link Notices}: a personal identity number removed, text that could not be read), and the signature. What a request still lacks is asked with the intake flow's own questions, labels
 * and lists, as the chat asks them.
 */
final class MailReplies {

    /** An answer to "Bekräfta: …" or "Please confirm: …" (a reply prefix first: a new mail may well start "Bekräfta:"). */
    static final java.util.regex.Pattern CONFIRM_SUBJECT = java.util.regex.Pattern.compile(
            "(?iu)^\\s*((re|sv|aw|vs)\\s*:\\s*)+(bekräfta|please confirm)\\s*:");
    /** Most of a long mail is left out of the quote; the person knows what they wrote from the start of it. */
    private static final int QUOTED_CHARS = 1500;

    private final Texts texts;
    private final TextAnalysis analysis;

    MailReplies(Texts texts, TextAnalysis analysis) {
        this.texts = texts;
        this.analysis = analysis;
    }

    /** A line whose value (after a heading such as "Tema:") a spreadsheet would run: "=…", "@…", "+SUM(", "-CMD(". */
    private static final java.util.regex.Pattern FORMULA_LINE = java.util.regex.Pattern.compile(
            "(?m)^[ \\t*_]*(?:[\\p{L} /]{1,40}:[ \\t*_]*)?(?:[=@]|[+\\-]\\p{L}[\\p{L}\\d._]*\\().*$");

    /**
     * The language of a mail, as the shared text analysis tells it (its stop words, å/ä/ö counting for Swedish): an
     * English mail that names its Swedish district or quotes a Swedish label is still English. A short one with
     * English words the stop-word lists leave out ("please help", "we need") and no å, ä or ö is English too.
     */
    Language languageOf(String text) {
        return languageOf(text, () -> Language.SV);
    }

    /**
     * As {@link #languageOf(String)}, but when the mail's words tell neither language ("cancel FOU-2026-0001", "ok"),
     * the one {@code otherwise} gives: the language of the task or request it is about, asked only then.
     */
    Language languageOf(String text, java.util.function.Supplier<Language> otherwise) {
        // a spreadsheet formula is no one's language (helper 101: "=HYPERLINK(…,\"Click to see the report\")" under a
        // Swedish heading made a Swedish reply English)
        text = text == null ? null : FORMULA_LINE.matcher(text).replaceAll("");
        String t = " " + (text == null ? "" : text.toLowerCase(java.util.Locale.ROOT).replace('\n', ' ')) + " ";
        int english = 0;
        for (String w : List.of(" the ", " we ", " need ", " please ", " our ", " with ", " would ", " help ")) {
            if (t.contains(w)) {
                english++;
            }
        }
        return english >= 2 && !t.matches("(?s).*[åäö].*") ? Language.EN : analysis.evidence(text).orElseGet(otherwise);
    }

    /** The subject without its "Re:", "SV:", "Fwd:" prefixes. */
    static String bare(String subject) {
        return subject == null ? "" : subject.replaceFirst("(?i)^\\s*((re|sv|vs|vb|fw|fwd|aw)\\s*:\\s*)+", "").strip();
    }

    String reSubject(String subject, Language l) {
        String s = bare(subject);
        return "Re: " + (s.isEmpty() ? texts.get(l, "mail.request.subject") : s);
    }

    /** The subject of the first answer about a new task: its reference first, so that the person keeps it in replies. */
    String taskSubject(String reference, String subject, Language l) {
        return "[" + reference + "] " + reSubject(subject, l).substring("Re: ".length());
    }

    /**
     * Asks, in one mail, for every step of the mail intake still open: each with the chat's question, then the line to
     * write it on ("Förvaltning: en av Bromma, …"); an answer given that the chat would refuse is told with the chat's
     * reason first.
     */
    String askForMissing(WrittenForm form, List<String> missing, Map<String, String> unreadable, LocalDate today, Language l,
            Notices notices) {
        StringBuilder b = new StringBuilder(texts.get(l, "mail.ask.intro")).append('\n');
        int n = 1;
        StringBuilder example = new StringBuilder();
        for (String field : missing) {
            Step step = form.step(field);
            b.append('\n').append(n++).append(". ");
            String refused = unreadable.get(field);
            // a name that fits several: the reason asks which of them ("Vilken menar du? Skärholmen eller Skarpnäck?"),
            // and the line to write it on offers only those
            List<String> candidates = refused == null ? List.of() : form.candidates(field, refused, today, l);
            if (refused != null) {
                form.whyNot(field, refused, today, l).ifPresent(why -> b.append(why).append(candidates.isEmpty() ? " " : "\n"));
            }
            if (candidates.isEmpty()) {
                b.append(form.question(field, l)).append('\n');
            }
            if (step.type() == AnswerType.TEXT) {
                continue;
            }
            String label = form.label(field, l);
            b.append(label).append(": ").append(candidates.isEmpty() ? hint(form, step, l)
                    : se.foubot.conversation.WrittenForm.alternatives(candidates, l)).append('\n');
            example.append(label).append(": ").append(candidates.isEmpty() ? exampleOf(step, l) : candidates.get(0)).append('\n');
        }
        if (example.length() > 0) {
            b.append('\n').append(texts.get(l, "mail.ask.example")).append('\n').append(example);
        }
        return letter(b.toString(), l, notices);
    }

    private String hint(WrittenForm form, Step step, Language l) {
        String hint = switch (step.type()) {
            case CHOICE -> texts.get(l, "mail.ask.one-of", "options", step.options().stream().map(o -> o.label().in(l))
                    .collect(Collectors.joining(", ")));
            case DATE -> texts.get(l, "mail.ask.date", "example", texts.get(l, "mail.ask.example-date"));
            default -> "";
        };
        List<String> none = form.noneWords(step.id(), l);
        return none.isEmpty() ? hint : hint + " " + texts.get(l, "mail.ask.or", "word", none.get(0));
    }

    private String exampleOf(Step step, Language l) {
        return switch (step.type()) {
            case CHOICE -> step.options().get(0).label().in(l);
            case DATE -> texts.get(l, "mail.ask.example-date");
            default -> "";
        };
    }

    String confirmation(String reference, Language l, Notices notices) {
        return letter(texts.get(l, "mail.confirmation", "reference", reference), l, notices);
    }

    String confirmSubject(String subject, Language l) {
        return texts.get(l, "mail.confirm.subject", "subject", bare(subject));
    }

    /** The mail a confirmation is about, as the bot stored it (every text has passed the privacy guard). */
    record Quoted(String subject, Instant sent, String text, ZoneId zone) {
    }

    /**
     * Asks the sender to prove their address by answering; {@code whatWillBeDone} ends "we will …". The mail it is about
     * is quoted, so the person can tell what they are confirming (and that someone else wrote it, if so).
     */
    String confirmSender(String whatWillBeDone, Quoted mail, int validDays, Language l, Notices notices) {
        return letter(texts.get(l, "mail.confirm.sender", "action", whatWillBeDone, "days", validDays) + "\n\n" + quote(mail, l)
                + "\n" + texts.get(l, "mail.confirm.not-you"), l, notices);
    }

    private String quote(Quoted mail, Language l) {
        String subject = mail.subject() == null || mail.subject().isBlank() ? texts.get(l, "mail.quote.no-subject")
                : mail.subject().strip();
        String text = mail.text() == null ? "" : mail.text().strip();
        if (text.length() > QUOTED_CHARS) {
            text = text.substring(0, QUOTED_CHARS) + " …";
        }
        StringBuilder b = new StringBuilder("> ").append(texts.get(l, "mail.quote.subject", "subject", subject)).append('\n');
        if (mail.sent() != null) {
            b.append("> ").append(texts.get(l, "mail.quote.sent", "sent", Dates.dateTime(mail.sent().atZone(mail.zone()), l)))
                    .append('\n');
        }
        b.append(">\n");
        for (String line : text.isEmpty() ? List.of(texts.get(l, "mail.quote.no-text")) : text.lines().toList()) {
            b.append(line.isEmpty() ? ">" : "> " + line).append('\n');
        }
        return b.toString();
    }

    /** The person answered "yes": what they confirmed is now done; {@code whatWasDone} ends "we have now …". */
    String confirmedAndDone(String whatWasDone, Language l, Notices notices) {
        return letter(texts.get(l, "mail.confirmed", "done", whatWasDone), l, notices);
    }

    /** What {@link #confirmedAndDone} says of a mail added to a task. */
    String addedToTask(String reference, Language l) {
        return texts.get(l, "mail.confirmed.added-to-task", "reference", reference);
    }

    /** An answer to a confirmation that is no longer open: too late, or for a mail that cannot be found. */
    String confirmationExpired(int validDays, Language l, Notices notices) {
        return letter(texts.get(l, "mail.confirmation-expired", "days", validDays), l, notices);
    }

    /** To a sender whose answer to our question was neither a yes nor a no. */
    String confirmUnclear(Language l, Notices notices) {
        return letter(texts.get(l, "mail.confirm.unclear"), l, notices);
    }

    /** To a sender who answered our question that they did not write the mail it quoted. */
    String senderDenied(Language l, Notices notices) {
        return letter(texts.get(l, "mail.confirm.denied"), l, notices);
    }

    /** A mail about a task retention has anonymised: it is not kept. */
    String taskAnonymised(String reference, Language l, Notices notices) {
        return letter(texts.get(l, "mail.task-anonymised", "reference", reference), l, notices);
    }

    String addToTask(String reference, Language l) {
        return texts.get(l, "mail.confirm.add-to-task", "reference", reference);
    }

    String limitReached(String limitReached, Language l, Notices notices) {
        return letter(limitReached, l, notices);
    }

    /** To a sender whose mail could not be handled automatically (it was parked as a dead letter). */
    String parked(Language l, Notices notices) {
        return letter(texts.get(l, "mail.parked"), l, notices);
    }

    /**
     * What the bot has to say about the mail it answers, whatever else the answer says: that the guard took a personal
     * identity number out of anything of it (text, subject, display name, file names, addresses; for a request, of
     * any of its mails), and that part of this mail's text could not be read (damaged on the way, cut off, MIME the
     * parser could only read in part), so the person knows to write again what the answer does not take up.
     */
    /**
     * @param notOwnReference a reference the subject named that is none of the sender's tasks (mistyped, or another's,
     *                        which is not said), so the mail became a new request; null when none
     * @param referenceAnonymised that reference is a task retention has anonymised: whose it was nobody can tell any
     *                        more, so the notice says what became of it instead of "not yours" (helper 120: the
     *                        requester writing "Angående FOU-…" about their own was told it was not theirs)
     */
    record Notices(boolean identityNumberRemoved, boolean partUnreadable, String notOwnReference, boolean referenceAnonymised) {
        static final Notices NONE = new Notices(false, false);

        Notices(boolean identityNumberRemoved, boolean partUnreadable) {
            this(identityNumberRemoved, partUnreadable, null, false);
        }

        /** The notice's text key: after a request made of the mail, or after a command's answer. */
        private String referenceKey(boolean command) {
            String key = referenceAnonymised ? "mail.anonymised-reference" : "mail.not-own-reference";
            return command ? key + ".command" : key;
        }
    }

    /**
     * A command's answer (status, forum, bevakning, a knowledge answer) as a letter like every other answer: greeted and
     * signed (helper 118: it came bare).
     */
    String commandAnswer(String answer, Language l, Notices notices) {
        if (notices.notOwnReference() == null) {
            return letter(answer, l, notices);
        }
        // no new request was made of it, as the request's notice says: the command was answered (helper 119)
        return letter(answer + "\n\n" + texts.get(l, notices.referenceKey(true), "reference", notices.notOwnReference()), l,
                new Notices(notices.identityNumberRemoved(), notices.partUnreadable()));
    }

    /** The notices' text, each a paragraph of its own; empty when there is nothing to say. */
    String notices(Language l, Notices notices) {
        return (notices.notOwnReference() != null
                ? "\n" + texts.get(l, notices.referenceKey(false), "reference", notices.notOwnReference()) + "\n" : "")
                + (notices.partUnreadable() ? "\n" + texts.get(l, "mail.part-unreadable") + "\n" : "")
                + (notices.identityNumberRemoved() ? "\n" + texts.get(l, "mail.identity-number-removed") + "\n" : "");
    }

    private String letter(String body, Language l, Notices notices) {
        return texts.get(l, "mail.hello") + "\n\n" + body + "\n"
                + notices(l, notices)
                + "\n" + texts.get(l, "mail.regards") + " " + texts.get(l, "mail.automatic") + "\n";
    }
}
