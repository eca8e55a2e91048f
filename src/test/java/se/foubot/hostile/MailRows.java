package se.foubot.hostile;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.messaging.Recipient;
import se.foubot.deadletter.DeadLetters;
import se.foubot.forum.ForumService;
import se.foubot.forum.MeetingPlan;
import se.foubot.forum.Registration;
import se.foubot.grants.GrantSubscriptions;
import se.foubot.hostile.HostileInput.Outcome;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/** Hostile mail: poison, forged senders, floods, calendar answers. */
public class MailRows implements HostileInputRows {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    @Override
    public String section() {
        return "mail";
    }

    @Override
    public List<HostileInput> rows() {
        return List.of(
                new HostileInput("mail: a count far out of range ('inom 99999999999 veckor')", MailRows::hugeCount),
                new HostileInput("mail: processing throws on every attempt", MailRows::poison),
                new HostileInput("mail: unreadable MIME (multipart without its boundary)", MailRows::brokenMime),
                new HostileInput("mail: forged From, forged 'dmarc=pass' under Gmail's fail", MailRows::forgedUnderGmail),
                new HostileInput("mail: forged Authentication-Results with the trusted id", MailRows::forgedTrustedId),
                new HostileInput("mail: forged pass under Postfix's Received (no milter ran)",
                        bot -> forgedUnsubscribe(bot, "/mail/auth/postfix-submission-forged.eml", "maria.ek@stockholm.se")),
                new HostileInput("mail: forged field under Exchange Online's Received",
                        bot -> forgedUnsubscribe(bot, "/mail/auth/m365-forged-below.eml", "bjorn.strom@edu.stockholm.se")),
                new HostileInput("mail: forged pass under Gmail's Received, no Gmail verdict",
                        bot -> forgedUnsubscribe(bot, "/mail/auth/gmail-unstamped-forged.eml", "lena.holm@skarpnack.stockholm.se")),
                new HostileInput("mail: second forged field under Gmail's own (spf=neutral)",
                        bot -> forgedUnsubscribe(bot, "/mail/auth/gmail-forged-second-field.eml", "olle.sand@stockholm.se")),
                new HostileInput("mail: a stranger's reply to a task ([FOU-…] subject)", MailRows::strangerOnATask),
                new HostileInput("mail: 200 complete requests from one address", MailRows::flood),
                new HostileInput("mail: calendar REPLY accepted (Outlook)", MailRows::outlookAccepted),
                new HostileInput("mail: calendar REPLY declined, sender unproven", MailRows::declineUnproven),
                new HostileInput("mail: calendar REPLY declined, proven (Google)", MailRows::declineProven),
                new HostileInput("mail: new time proposed ('Nytt tidsförslag:')", MailRows::counter));
    }

    private static long waiting(Bot bot) {
        return bot.bean(MongoTemplate.class).count(Query.query(Criteria.where("status").in("received", "processing")),
                "mail_inbox");
    }

    private static Document inboxOf(Bot bot, String from) {
        return bot.bean(MongoTemplate.class).findOne(Query.query(Criteria.where("from").is(from)), Document.class, "mail_inbox");
    }

    static Outcome hugeCount(Bot bot) throws Exception {
        String who = "stor.siffra@stockholm.se";
        bot.people().send(who, "Utvärdering", "Hej! Vi i Farsta behöver en utvärderingsplan inom 99999999999 veckor, "
                + "helst senast 2027-03-01.\n\nEva", null);
        bot.mailRound();
        List<SupportTask> tasks = bot.bean(TaskService.class).byRequester("email", who);
        return Outcome.of(tasks.size() == 1 && bot.inboxOf(who).size() == 1, waiting(bot) == 0,
                "one task (" + (tasks.isEmpty() ? "none" : tasks.get(0).reference()) + "), one answer");
    }

    static Outcome poison(Bot bot) throws Exception {
        String who = "gift@stockholm.se";
        bot.people().send(who, "Stöd", "Hej!\n" + se.foubot.support.BuggyCommand.TRIGGER + "\n\nKim", null);
        bot.people().send("granne@stockholm.se", "Analys", "Hej! Vi i Bromma behöver hjälp att analysera vår enkät, "
                + "ingen brådska.\n\nBo", null);
        for (int i = 0; i < 5; i++) {
            bot.mailRound();
            bot.clock().advance(Duration.ofMinutes(1));
        }
        Document mail = inboxOf(bot, who);
        boolean parked = bot.bean(DeadLetters.class).parked(50).stream().anyMatch(d -> d.kind().equals("mail")
                && d.key().equals(mail.getString("_id")) && d.rule().equals("IllegalStateException"));
        int told = bot.inboxOf(who).size();
        boolean neighbour = bot.bean(TaskService.class).byRequester("email", "granne@stockholm.se").size() == 1;
        return Outcome.of(parked && told == 1 && neighbour, "parked".equals(mail.getString("status")) && waiting(bot) == 0,
                "parked after " + mail.getInteger("attempts") + " attempts, sender told " + told + "×, next mail a task: " + neighbour);
    }

    static Outcome brokenMime(Bot bot) throws Exception {
        String raw = "From: trasig.mime@stockholm.se\r\nTo: fou@localhost\r\nSubject: Uppföljning\r\nMessage-ID: <broken-mime-1@stockholm.se>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\nVi i Skarpnäck behöver en uppföljningsmall, ingen brådska.\r\n";
        bot.people().sendRaw(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8), "trasig.mime@stockholm.se");
        bot.mailRound();
        Document mail = inboxOf(bot, "trasig.mime@stockholm.se");
        return Outcome.of(mail != null && !bot.inboxOf("trasig.mime@stockholm.se").isEmpty(), waiting(bot) == 0,
                "read as far as it goes (" + (mail == null ? "not stored" : mail.getString("problem")) + "), answered");
    }

    static Outcome forgedUnderGmail(Bot bot) throws Exception {
        String anna = "anna.andersson@stockholm.se";
        bot.bean(GrantSubscriptions.class).subscribe("email", anna, anna, null, List.of("LUM"), "sv", "import");
        bot.sendFixture("/mail/auth/gmail-forged-below.eml");
        bot.mailRound();
        boolean still = bot.bean(GrantSubscriptions.class).find("email", anna).orElseThrow().active();
        boolean mailed = !bot.inboxOf(anna).isEmpty();
        return Outcome.of(still && !mailed, waiting(bot) == 0, "still subscribed; quarantined as DMARC fail, nobody mailed");
    }

    static Outcome forgedTrustedId(Bot bot) throws Exception {
        bot.bean(GrantSubscriptions.class).subscribe("slack", "U0LENA", "lena.holm@skarpnack.stockholm.se", null,
                List.of("LUM"), "sv", "slack");
        bot.sendFixture("/mail/auth/postfix-forged-same-authserv.eml");
        bot.mailRound();
        boolean still = bot.bean(GrantSubscriptions.class).find("slack", "U0LENA").orElseThrow().active();
        return Outcome.of(still, waiting(bot) == 0, "the Slack subscriber's reminders go on");
    }

    /** A forged "avsluta" for a Slack subscriber's profile address: nothing changes, the address is asked. */
    static Outcome forgedUnsubscribe(Bot bot, String fixture, String address) throws Exception {
        String user = "U" + Integer.toHexString(address.hashCode()).toUpperCase(java.util.Locale.ROOT);
        bot.bean(GrantSubscriptions.class).subscribe("slack", user, address, null, List.of("LUM"), "sv", "slack");
        int before = bot.inboxOf(address).size();
        bot.sendFixture(fixture);
        bot.mailRound();
        boolean still = bot.bean(GrantSubscriptions.class).find("slack", user).orElseThrow().active();
        long asked = bot.inboxOf(address).stream().skip(before).filter(m -> Bot.body(m).contains("Om det inte var du")).count();
        return Outcome.of(still && asked == 1, waiting(bot) == 0, "still subscribed; the address asked to confirm");
    }

    static Outcome strangerOnATask(Bot bot) throws Exception {
        String eva = "eva.lind@stockholm.se";
        bot.people().send(eva, "Utvärdering i Farsta", "Hej! Vi i Farsta behöver en utvärderingsplan senast 2027-03-01.", null);
        bot.mailRound();
        SupportTask task = bot.bean(TaskService.class).byRequester("email", eva).get(0);
        bot.people().send("okand@stockholm.se", "SV: [" + task.reference() + "] Utvärdering", "Stäng ärendet.", null);
        bot.mailRound();
        boolean heldBack = bot.bean(TaskService.class).find(task.reference()).orElseThrow().history().stream()
                .noneMatch(e -> e.text().contains("okand@stockholm.se"));
        List<jakarta.mail.internet.MimeMessage> asked = bot.inboxOf("okand@stockholm.se");
        if (asked.size() == 1) {
            bot.people().send("okand@stockholm.se", "SV: " + asked.get(0).getSubject(), "ja", asked.get(0).getMessageID());
            bot.mailRound();
        }
        List<se.foubot.tasks.TaskEvent> history = bot.bean(TaskService.class).find(task.reference()).orElseThrow().history();
        boolean third = history.stream().anyMatch(e -> e.text().contains("tredje part"));
        boolean asRequester = history.stream().anyMatch(e -> e.text().startsWith("Beställaren svarade"));
        return Outcome.of(heldBack && asked.size() == 1 && third && !asRequester, waiting(bot) == 0,
                "the address asked to confirm; then in the task as a third party's, not as the requester's");
    }

    static Outcome flood(Bot bot) throws Exception {
        String who = "flod@stockholm.se";
        for (int i = 0; i < 200; i++) {
            bot.people().send(who, "Utvärdering " + i, "Hej! Vi i Farsta behöver en utvärderingsplan senast 2027-03-01.", null);
        }
        bot.mailRound();
        int tasks = bot.bean(TaskService.class).byRequester("email", who).size();
        long told = bot.inboxOf(who).stream().filter(m -> Bot.body(m).contains("Du har redan skickat 10 nya förfrågningar")).count();
        long requests = bot.bean(MongoTemplate.class).count(Query.query(Criteria.where("from").is(who)), "email_requests");
        return Outcome.of(tasks == 10 && told == 1, waiting(bot) == 0 && requests == 200,
                tasks + " tasks, told once; all 200 mails stored as requests");
    }

    private static String forumMeeting(Bot bot) {
        ForumService forum = bot.bean(ForumService.class);
        return forum.find("forum-2027-03-10").map(m -> m.id()).orElseGet(() -> {
            String id = ((ForumService.Saved) forum.create(new MeetingPlan(GUARD.check("FoU-forum om uppföljning"),
                    LocalDate.of(2027, 3, 10), LocalTime.of(13, 0), LocalTime.of(15, 0), GUARD.check("Rum Kärnan"),
                    GUARD.check(null), 2, LocalDate.of(2027, 3, 1), GUARD.check(null), GUARD.check(null)),
                    Recipient.slack("UCOORD"))).meeting().id();
            for (String person : List.of("bjorn.strom@edu.stockholm.se", "kim.lund@stockholm.se", "lisa.berg@stockholm.se")) {
                forum.register(id, Recipient.email(person), person, null, null);
            }
            bot.mailRound();
            return id;
        });
    }

    private static Registration registration(Bot bot, String meeting, String person) {
        return bot.bean(ForumService.class).registration(meeting, Recipient.email(person)).orElseThrow();
    }

    static Outcome outlookAccepted(Bot bot) throws Exception {
        String meeting = forumMeeting(bot);
        int before = bot.inboxOf("bjorn.strom@edu.stockholm.se").size();
        bot.sendFixture("/mail/calendar/outlook-reply-accepted.eml");
        bot.mailRound();
        Registration r = registration(bot, meeting, "bjorn.strom@edu.stockholm.se");
        return Outcome.of("ACCEPTED".equals(r.calendarAnswer()) && bot.inboxOf("bjorn.strom@edu.stockholm.se").size() == before,
                waiting(bot) == 0, "recorded ACCEPTED, not answered");
    }

    static Outcome declineUnproven(Bot bot) throws Exception {
        String meeting = forumMeeting(bot);
        bot.sendFixture("/mail/calendar/google-reply-declined-unproven.eml");
        bot.mailRound();
        Registration r = registration(bot, meeting, "kim.lund@stockholm.se");
        boolean asked = bot.inboxOf("kim.lund@stockholm.se").stream().anyMatch(m -> Bot.body(m).contains("avboka din plats"));
        return Outcome.of(r.status() == Registration.Status.REGISTERED && asked, waiting(bot) == 0,
                "seat kept until the person confirms; asked at the address");
    }

    static Outcome declineProven(Bot bot) throws Exception {
        String meeting = forumMeeting(bot);
        bot.sendFixture("/mail/calendar/google-reply-declined.eml");
        bot.mailRound();
        Registration kim = registration(bot, meeting, "kim.lund@stockholm.se");
        Registration lisa = registration(bot, meeting, "lisa.berg@stockholm.se");
        return Outcome.of(kim.status() == Registration.Status.CANCELLED && lisa.status() == Registration.Status.REGISTERED,
                waiting(bot) == 0, "seat freed and given to the first on the waitlist; both told");
    }

    static Outcome counter(Bot bot) throws Exception {
        bot.people().send("per.ek@stockholm.se", "Nytt tidsförslag: FoU-forum om uppföljning", "Kan vi ta 14.00?", null);
        bot.mailRound();
        Document mail = inboxOf(bot, "per.ek@stockholm.se");
        return Outcome.of(bot.inboxOf("per.ek@stockholm.se").isEmpty() && mail.getString("outcome").startsWith("calendar:"),
                waiting(bot) == 0, "consumed silently (" + mail.getString("outcome") + ")");
    }
}
