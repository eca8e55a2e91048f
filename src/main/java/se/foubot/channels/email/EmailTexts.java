package se.foubot.channels.email;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.Language;

/** The bot's mails, Swedish and English. */
final class EmailTexts {

    private EmailTexts() {
    }

    static Language guess(String text) {
        String t = " " + (text == null ? "" : text.toLowerCase()) + " ";
        int english = 0;
        for (String w : List.of(" the ", " we ", " need ", " please ", " our ", " with ", " would ", " help ")) {
            if (t.contains(w)) {
                english++;
            }
        }
        return english >= 2 && !t.matches("(?s).*[åäö].*") ? Language.EN : Language.SV;
    }

    static String reSubject(String subject) {
        String s = subject == null ? "" : subject.replaceFirst("(?i)^\\s*((re|sv|vs|vb|fw|fwd|aw)\\s*:\\s*)+", "").strip();
        return "Re: " + (s.isEmpty() ? "Din förfrågan till FoU" : s);
    }

    static String askForMissing(EmailFacts facts, List<ChoiceOption> districts, List<ChoiceOption> categories, Language l,
            boolean identityNumberRemoved) {
        StringBuilder b = new StringBuilder(l == Language.EN
                ? "Hello!\n\nThank you for your request to the FoU unit. Before an FoU analyst can take it, we need to know a "
                        + "little more. Please reply to this mail and write:\n"
                : "Hej!\n\nTack för din förfrågan till FoU-enheten. Innan en FoU-utredare kan ta den behöver vi veta lite mer. "
                        + "Svara på det här mejlet och skriv:\n");
        int n = 1;
        if (facts.concern() == null || facts.concern().isBlank()) {
            b.append('\n').append(n++).append(l == Language.EN ? ". What you need support with, in a few sentences.\n"
                    : ". Vad ni behöver stöd med, med några meningar.\n");
        }
        if (facts.district() == null) {
            b.append('\n').append(n++).append(l == Language.EN ? ". Administration: one of " : ". Förvaltning: en av ")
                    .append(names(districts, l)).append('\n');
        }
        if (!facts.categoryGiven()) {
            b.append('\n').append(n++).append(l == Language.EN ? ". Kind of support: one of " : ". Typ av stöd: en av ")
                    .append(names(categories, l)).append(l == Language.EN ? " – or \"don't know\"\n" : " – eller ”vet inte”\n");
        }
        if (!facts.timeframeGiven()) {
            b.append('\n').append(n++).append(l == Language.EN
                    ? ". Needed by: a date (for example 15 March) or \"no rush\"\n"
                    : ". Senast: ett datum (till exempel 15 mars) eller ”ingen brådska”\n");
        }
        b.append(l == Language.EN ? "\nFor example:\nAdministration: Bromma\nKind of support: follow-up\nNeeded by: 15 March\n"
                : "\nTill exempel:\nFörvaltning: Bromma\nTyp av stöd: uppföljning\nSenast: 15 mars\n");
        return b.append(footer(l, identityNumberRemoved)).toString();
    }

    static String confirmation(String reference, Language l, boolean identityNumberRemoved) {
        return (l == Language.EN
                ? "Hello!\n\nThank you! Your request is registered as " + reference + ". An FoU analyst will get back to you. "
                        + "Please keep " + reference + " in the subject when you write about it.\n"
                : "Hej!\n\nTack! Din förfrågan är registrerad med referensen " + reference + ". En FoU-utredare återkommer till "
                        + "dig. Behåll " + reference + " i ämnesraden när du skriver om ärendet.\n")
                + footer(l, identityNumberRemoved);
    }

    /** An answer to "Bekräfta: …" or "Please confirm: …" (a reply prefix first: a new mail may well start "Bekräfta:"). */
    static final java.util.regex.Pattern CONFIRM_SUBJECT = java.util.regex.Pattern.compile(
            "(?iu)^\\s*((re|sv|aw|vs)\\s*:\\s*)+(bekräfta|please confirm)\\s*:");

    static String confirmSubject(String subject, Language l) {
        String original = subject.replaceFirst("(?i)^\\s*((re|sv|aw|vs|fw|fwd)\\s*:\\s*)+", "").strip();
        return (l == Language.EN ? "Please confirm: " : "Bekräfta: ") + original;
    }

    /** The mail a confirmation is about, as the bot stored it (every text has passed the privacy guard). */
    record Quoted(String subject, Instant sent, String text, ZoneId zone) {
    }

    /** Most of a long mail is left out of the quote; the person knows what they wrote from the start of it. */
    private static final int QUOTED_CHARS = 1500;
    private static final DateTimeFormatter SENT_SV = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'kl.' HH.mm",
            Locale.forLanguageTag("sv-SE"));
    private static final DateTimeFormatter SENT_EN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK);

    /**
     * Asks the sender to prove their address by answering; {@code whatWillBeDone} ends "we will …". The mail it is about
     * is quoted, so the person can tell what they are confirming (and that someone else wrote it, if so).
     */
    static String confirmSender(String whatWillBeDone, Quoted mail, int validDays, Language l,
            boolean identityNumberRemoved) {
        return (l == Language.EN
                ? "Hello!\n\nWe received a mail from your address asking us to " + whatWillBeDone + ". Before we do, we need to "
                        + "know that it came from you: just reply to this mail within " + validDays + " days (\"yes\" is enough) "
                        + "and we will do it.\n\nThis is the mail:\n\n"
                : "Hej!\n\nVi har fått ett mejl från din adress där vi ombeds att " + whatWillBeDone + ". Innan vi gör det "
                        + "behöver vi veta att det kom från dig: svara bara på det här mejlet inom " + validDays + " dagar (det "
                        + "räcker med ”ja”), så gör vi det.\n\nDet här är mejlet:\n\n")
                + quote(mail, l)
                + (l == Language.EN ? "\nIf you did not write it, do nothing: nothing changes.\n"
                        : "\nOm det inte var du som skrev det behöver du inte göra något: ingenting ändras.\n")
                + footer(l, identityNumberRemoved);
    }

    private static String quote(Quoted mail, Language l) {
        String subject = mail.subject() == null || mail.subject().isBlank() ? (l == Language.EN ? "(no subject)" : "(inget ämne)")
                : mail.subject().strip();
        String text = mail.text() == null ? "" : mail.text().strip();
        if (text.length() > QUOTED_CHARS) {
            text = text.substring(0, QUOTED_CHARS) + " …";
        }
        StringBuilder b = new StringBuilder(l == Language.EN ? "> Subject: " : "> Ämne: ").append(subject).append('\n');
        if (mail.sent() != null) {
            b.append(l == Language.EN ? "> Sent: " + SENT_EN.format(mail.sent().atZone(mail.zone()))
                    : "> Skickat: " + SENT_SV.format(mail.sent().atZone(mail.zone()))).append('\n');
        }
        b.append(">\n");
        for (String line : text.isEmpty() ? List.of(l == Language.EN ? "(no text)" : "(ingen text)") : text.lines().toList()) {
            b.append(line.isEmpty() ? ">" : "> " + line).append('\n');
        }
        return b.toString();
    }

    /** The person answered "yes": what they confirmed is now done. */
    static String confirmedAndDone(String whatWasDone, Language l, boolean identityNumberRemoved) {
        return (l == Language.EN ? "Hello!\n\nThank you for confirming. We have now " + whatWasDone + ".\n"
                : "Hej!\n\nTack för att du bekräftade. Nu har vi " + whatWasDone + ".\n") + footer(l, identityNumberRemoved);
    }

    /** An answer to a confirmation that is no longer open: too late, or for a mail that cannot be found. */
    static String confirmationExpired(int validDays, Language l, boolean identityNumberRemoved) {
        return (l == Language.EN
                ? "Hello!\n\nThank you for your answer. The confirmation you answered has expired (a confirmation is valid "
                        + "for " + validDays + " days), or we could not tell which mail it was about, so nothing has been "
                        + "changed. If you still want it done, please send your mail to us again; we will then ask you to "
                        + "confirm once more.\n"
                : "Hej!\n\nTack för ditt svar. Bekräftelsen du svarade på har gått ut (en bekräftelse gäller i " + validDays
                        + " dagar), eller så kunde vi inte se vilket mejl den gällde, så ingenting har ändrats. Om du "
                        + "fortfarande vill att det görs: skicka ditt mejl till oss igen, så ber vi dig bekräfta på nytt.\n")
                + footer(l, identityNumberRemoved);
    }

    static String limitReached(String limitReached, Language l, boolean identityNumberRemoved) {
        return (l == Language.EN ? "Hello!\n\n" : "Hej!\n\n") + limitReached + "\n"
                + footer(l, identityNumberRemoved);
    }

    /** To a sender whose mail could not be handled automatically (it was parked as a dead letter). */
    static String parked(Language l, boolean identityNumberRemoved) {
        return (l == Language.EN
                ? "Hello!\n\nThank you for your mail. We could not handle it automatically, so it has been set aside for "
                        + "the FoU unit, who will look at it. You do not need to send it again.\n"
                : "Hej!\n\nTack för ditt mejl. Vi kunde inte behandla det automatiskt, så det har lagts åt sidan till "
                        + "FoU-enheten, som tittar på det. Du behöver inte skicka det igen.\n")
                + footer(l, identityNumberRemoved);
    }

    /**
     * What a reply says when the guard took a personal identity number out of anything of the mail it answers (text,
     * subject, display name, file names, addresses): every reply says it, whatever else it says. Empty otherwise.
     */
    static String identityNumberRemoved(Language l, boolean identityNumberRemoved) {
        return !identityNumberRemoved ? "" : l == Language.EN
                ? "\nYour mail contained a Swedish personal identity number; we removed it before saving anything. Never send "
                        + "details about individual clients to us.\n"
                : "\nDitt mejl innehöll ett personnummer; vi tog bort det innan något sparades. Skicka aldrig uppgifter om "
                        + "enskilda klienter till oss.\n";
    }

    private static String footer(Language l, boolean identityNumberRemoved) {
        return identityNumberRemoved(l, identityNumberRemoved) + (l == Language.EN ? "\nBest regards\nThe FoU bot (this mail was sent automatically)\n"
                : "\nVänliga hälsningar\nFoU-boten (det här mejlet skickades automatiskt)\n");
    }

    private static String names(List<ChoiceOption> options, Language l) {
        return options.stream().map(o -> o.label().in(l)).collect(Collectors.joining(", "));
    }
}
