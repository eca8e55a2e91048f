package se.foubot.hostile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.messaging.Recipient;
import se.foubot.deadletter.DeadLetters;
import se.foubot.forum.ForumService;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingPlan;
import se.foubot.forum.Registration;
import se.foubot.hostile.HostileInput.Outcome;
import se.foubot.privacy.OutsideTextGuard;

/** Hostile FoU-forum input: planning fields that would break the invites. */
public class ForumRows implements HostileInputRows {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    @Override
    public String section() {
        return "forum";
    }

    @Override
    public List<HostileInput> rows() {
        return List.of(new HostileInput("forum plan: a video link with '{'", ForumRows::braceInLink),
                new HostileInput("forum: a meeting stored with a broken link", ForumRows::storedBrokenLink));
    }

    static Outcome braceInLink(Bot bot) {
        ForumService.PlanResult result = bot.bean(ForumService.class).create(new MeetingPlan(GUARD.check("FoU-forum med länk"),
                LocalDate.of(2027, 4, 14), LocalTime.of(13, 0), LocalTime.of(15, 0), GUARD.check("Rum Kärnan"),
                GUARD.check("https://meet.stockholm.se/{rum}"), 30, LocalDate.of(2027, 4, 1), GUARD.check(null), GUARD.check(null)),
                Recipient.slack("UCOORD"));
        boolean refused = result instanceof ForumService.Refused r && r.reasons().stream().anyMatch(x -> x.contains("https"));
        return Outcome.of(refused, bot.bean(ForumService.class).find("forum-2027-04-14").isEmpty(),
                "refused where entered: " + (refused ? "a valid https address is asked for" : result));
    }

    static Outcome storedBrokenLink(Bot bot) throws Exception {
        Instant now = bot.clock().instant();
        bot.bean(MongoTemplate.class).insert(new Meeting("forum-2027-05-12", "FoU-forum från förr", Instant.parse("2027-05-12T11:00:00Z"),
                Instant.parse("2027-05-12T13:00:00Z"), "Rum Kärnan", "https://meet.stockholm.se/{rum}", 10,
                Instant.parse("2027-05-01T00:00:00Z"), null, null, false, 0, 0, Recipient.slack("UCOORD"), now, now));
        String who = "gammal.lank@stockholm.se";
        ForumService.RegisterResult r = bot.bean(ForumService.class).register("forum-2027-05-12", Recipient.email(who), who,
                null, null);
        bot.mailRound();
        boolean invited = bot.inboxOf(who).stream().anyMatch(m -> se.foubot.support.TestMail.subject(m)
                .startsWith("Inbjudan: FoU-forum från förr"));
        boolean parked = bot.bean(DeadLetters.class).parked(50).stream().anyMatch(d -> d.kind().equals("forum-notice"));
        return Outcome.of(r instanceof ForumService.Seated && invited, !parked && bot.bean(ForumService.class)
                .registration("forum-2027-05-12", Recipient.email(who)).map(Registration::status)
                .orElse(null) == Registration.Status.REGISTERED, "seated once, invite sent without the broken link");
    }
}
