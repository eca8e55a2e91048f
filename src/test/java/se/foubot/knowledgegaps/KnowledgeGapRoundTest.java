package se.foubot.knowledgegaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.foubot.channels.email.EmailRequestProcessor;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.MailboxReader;
import se.foubot.channels.email.OutboxSender;
import se.foubot.channels.slack.BlockKitRules;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.channels.slack.SlackNotices;
import se.foubot.channels.slack.SlackRequests;
import se.foubot.deadletter.DeadLetters;
import se.foubot.forum.ForumService;
import se.foubot.forum.MeetingPlan;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.scheduling.ReminderScheduler;
import se.foubot.support.MutableClock;
import se.foubot.support.OwnThreads;
import se.foubot.support.TestClockConfiguration;
import se.foubot.support.TestMail;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.time.WorkingDays;

/**
 * A whole knowledge-gap round as the people in it live it, through signed Slack requests into the bot's HTTP endpoint
 * (the fake Slack Web API records what the bot calls) and the embedded GreenMail server: a coordinator opens the round
 * in the Slack form, 14 districts are invited by mail and their Slack people by DM, answers come by Slack and by mail,
 * the silent districts are reminded once (two replicas running the reminder at once), a FoU-forum proposal and a
 * support task join, the round is closed and grouped, analysts confirm and split in Slack, decide, every district
 * that sent something is told the outcome where it wrote, and the admin reads the JSON and the CSV.
 */
class KnowledgeGapRoundTest extends KnowledgeGapBot {

    @Autowired
    private Scheduler quartz;
    @Autowired
    ReminderScheduler scheduler;
    @Autowired
    TaskService tasks;
    @Autowired
    ForumService forum;
    @Autowired
    OutsideTextGuard guard;
    @Autowired
    KnowledgeGapService service;
    @Autowired
    KnowledgeGapInvitations invitations;
    @Autowired
    DistrictContacts contacts;
    @Autowired
    KnowledgeGapProperties properties;
    @Autowired
    WorkingDays workingDays;
    @Autowired
    java.time.ZoneId zone;
    @Autowired
    GapTexts texts;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    Notifier notifier;

    /** Someone who once asked for support from {@code district} over Slack: a Slack person of that district. */
    private SupportTask earlierRequest(String user, String district, String concern) {
        return tasks.create("earlier-" + user, new Requester(Recipient.SLACK, user, Map.of("channel", "D" + user)),
                new SupportRequest(district, "verksamhetsutvecklare", concern, null, "vet-inte", null, null, "sv"), List.of());
    }

    @Test
    void aWholeRoundFromInvitationToOutcomeAndExport() throws Exception {
        // people the bot already knows: Slack users who asked for support from their districts
        earlierRequest("UBROMMA", "bromma", "Stöd med en uppföljningsmall för vårt nya arbetssätt.");
        earlierRequest("UFARSTA", "farsta", "Vi vill utvärdera vår föräldrastödsgrupp under våren.");
        earlierRequest("UNORRMALM", "norrmalm", "Hjälp att analysera resultaten av vår brukarenkät.");
        earlierRequest("UKISTA", "rinkeby-kista", "En kartläggning av våra öppenvårdsinsatser för unga.");
        SupportTask ostermalm = tasks.create("earlier-ostermalm", new Requester(Recipient.EMAIL, "eva.ek@stockholm.se", Map.of()),
                new SupportRequest("ostermalm", "utvecklingsledare", "Vi behöver en kunskapsöversikt om samordnade insatser för "
                        + "personer med samsjuklighet, missbruk och psykisk ohälsa, som personalen efterfrågar.", null, "vet-inte", null,
                        "eva.ek@stockholm.se", "sv"), List.of());

        // 1. the coordinator opens the round in the Slack form; a non-coordinator cannot
        assertThat(slack().command("UCOORD", "kunskapsluckor ny").statusCode()).isEqualTo(200);
        assertThat(SLACK.calls("views.open", c -> c.param("view").contains("kg-open"))).hasSize(1);
        HttpResponse<String> pastDeadline = slack().interactive(SlackRequests.viewSubmission("UCOORD", "kg-open", "",
                Map.of("year", SlackRequests.input("2027"), "text", SlackRequests.input(""), "deadline", SlackRequests.input("2026-11-01"))));
        assertThat(pastDeadline.body()).contains("\"response_action\":\"errors\"").contains("Sista svarsdagen har redan varit");
        HttpResponse<String> notCoordinator = slack().interactive(SlackRequests.viewSubmission("UFARSTA", "kg-open", "",
                Map.of("year", SlackRequests.input("2027"), "text", SlackRequests.input(""), "deadline", SlackRequests.input("2026-12-11"))));
        assertThat(notCoordinator.body()).contains("Bara FoU:s samordnare");
        HttpResponse<String> opened = slack().interactive(SlackRequests.viewSubmission("UCOORD", "kg-open", "",
                Map.of("year", SlackRequests.input("2027"), "text", SlackRequests.input("I år vill vi särskilt höra om det förebyggande arbetet."),
                        "deadline", SlackRequests.input("2026-12-11"))));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).doesNotContain("errors");
        Round round = service.round("kl-2027").orElseThrow();
        assertThat(round.closesAt()).isEqualTo(Instant.parse("2026-12-11T23:00:00Z"));
        awaitText("UCOORD", "Inventeringen kl-2027 är öppen och tar emot svar till och med fredag 11 december 2026. 14 förvaltningar");
        // its first reminder is planned as it opens, not at the next replan or restart: 5 working days before, 09.00
        assertThat(quartz.getTriggersOfJob(JobKey.jobKey(KnowledgeGapReminders.NAME, "reminders")))
                .extracting(t -> t.getStartTime().toInstant()).contains(Instant.parse("2026-12-04T08:00:00Z"));

        // 2. fourteen districts invited by mail, their Slack people by DM
        mailRound();
        assertThat(contacts.districts()).hasSize(14);
        for (String district : contacts.districts()) {
            List<MimeMessage> invited = mailbox().inboxOf("kunskapsluckor." + (district.equals("enskede-arsta-vantor") ? "eav" : district)
                    + "@example.se");
            assertThat(invited).as(district).hasSize(1);
            assertThat(TestMail.subject(invited.get(0))).isEqualTo("Kunskapsluckor och utmaningar 2027 – svara senast fredag 11 december 2026");
            assertThat(body(invited.get(0))).contains("I år vill vi särskilt höra om det förebyggande arbetet.")
                    .contains("Kunskapslucka: vad saknas").contains("Vad skulle hjälpa: utvärdering, kartläggning");
        }
        slackNotices.postDue();
        for (String user : List.of("UBROMMA", "UFARSTA", "UNORRMALM", "UKISTA")) {
            // helper 121: "sex korta frågor" though the flow asks seven (eight with an own theme)
            assertThat(textsTo(user)).as(user).anyMatch(t -> t.contains("Skriv ”kunskapslucka” här så ställer jag några korta frågor"));
        }

        // 3. answers in Slack: the six questions, a summary, saved
        assertThat(say("UBROMMA", "kunskapslucka")).contains("Jag ställer några korta frågor").doesNotContain("sex korta")
                .contains("Vilken förvaltning svarar du för?");
        assertThat(say("UBROMMA", "bromma")).contains("Vilket tema hör kunskapsluckan till?").contains("Våld och kriminalitet");
        assertThat(say("UBROMMA", "våld och kriminalitet")).contains("verksamhetens perspektiv");
        assertThat(say("UBROMMA", "klient")).contains("Beskriv kunskapsluckan");
        assertThat(say("UBROMMA", "Vi saknar kunskap om vilka tidiga insatser som minskar risken att unga dras in i kriminalitet och gäng."))
                .contains("Vilken sorts kunskap");
        assertThat(say("UBROMMA", "utvärdering")).contains("hela staden");
        assertThat(say("UBROMMA", "stadsövergripande")).contains("Hur bråttom");
        String summary = say("UBROMMA", "brådskande");
        assertThat(summary).contains("Sammanfattning").contains("Tema: Våld och kriminalitet").contains("Perspektiv: Klientens eller brukarens");
        assertThat(say("UBROMMA", "ja")).contains("Kunskapsluckan är sparad som kl-2027-001").contains("fredag 11 december 2026");

        // another district, with its own theme in free words (sorted by the theme rules)
        say("UFARSTA", "kunskapslucka");
        say("UFARSTA", "Farsta");
        say("UFARSTA", "annat tema");
        say("UFARSTA", "Unga och gängen");
        say("UFARSTA", "verksamhet");
        say("UFARSTA", "Vi vet för lite om vilka insatser som minskar risken att unga rekryteras till kriminalitet och gäng.");
        say("UFARSTA", "kartläggning");
        say("UFARSTA", "lokal");
        say("UFARSTA", "kan vänta");
        assertThat(say("UFARSTA", "ja")).contains("kl-2027-002");
        GapEntry farsta = service.entry("kl-2027-002").orElseThrow();
        assertThat(farsta.ownTheme()).isEqualTo("Unga och gängen");
        assertThat(farsta.theme()).isEqualTo("vald-och-kriminalitet");
        assertThat(farsta.themeSorted()).isTrue();

        // a district sees what its people have sent
        assertThat(say("UFARSTA", "kunskapsluckor")).contains("Det här har Farsta skickat").contains("kl-2027-002")
                .contains("Perspektiv: Verksamhetens perspektiv").doesNotContain("kl-2027-001");

        // 4. answers by mail, in reply to the invitation: one complete, one with a heading it cannot read
        String skarholmen = "kunskapsluckor.skarholmen@example.se";
        MimeMessage invitation = mailbox().inboxOf(skarholmen).get(0);
        mailbox().send(skarholmen, "SV: " + TestMail.subject(invitation), "Hej!\n\nTema: Våld och kriminalitet\nPerspektiv: klient/brukare\n"
                + "Kunskapslucka: Kunskap saknas om vilka insatser som minskar risken för att unga dras in i kriminalitet\n"
                + "och gängkriminalitet i vår stadsdel.\nVad skulle hjälpa: kunskapsöversikt\nNivå: hela staden\nBrådska: hög\n\n"
                + "Hälsningar\nSkärholmens stadsdelsförvaltning\n\n> Hej! FoU inventerar …", invitation.getMessageID());
        String sodermalm = "kunskapsluckor.sodermalm@example.se";
        mailbox().send(sodermalm, "Re: kunskapsluckor", "Tema: Digitalisering\nKunskapslucka: <!here> Hur påverkar e-tjänster och digitala "
                + "kontakter klienternas möjlighet att nå socialtjänsten?\nNivå: vet ej\n", mailbox().inboxOf(sodermalm).get(0).getMessageID());
        mailRound();
        GapEntry bySkarholmen = service.entries("kl-2027", "skarholmen").get(0);
        GapEntry bySodermalm = service.entries("kl-2027", "sodermalm").get(0);
        List<MimeMessage> toSkarholmen = mailbox().inboxOf(skarholmen);
        assertThat(body(toSkarholmen.get(toSkarholmen.size() - 1))).contains("Kunskapsluckan är sparad som " + bySkarholmen.id()
                + " för Skärholmen").contains("Vad skulle hjälpa: Kunskapsöversikt")
                // helper 121: "Vill ni ändra den fram till …: svara med raden …"
                .contains("Om ni vill ändra den, senast fredag 11 december 2026, svarar ni med raden ”Ändrar: " + bySkarholmen.id()
                        + "” överst och skriver rubrikerna igen.");
        assertThat(bySkarholmen.source()).isEqualTo(GapEntry.Source.EMAIL);
        assertThat(bySkarholmen.text()).contains("gängkriminalitet i vår stadsdel").doesNotContain("Hälsningar");
        assertThat(bySkarholmen.perspective()).isEqualTo("klient");
        assertThat(bySkarholmen.level()).isEqualTo("stadsovergripande");
        List<MimeMessage> toSodermalm = mailbox().inboxOf(sodermalm);
        assertThat(body(toSodermalm.get(toSodermalm.size() - 1))).contains(bySodermalm.id())
                .contains("Det här kunde jag inte läsa, så det står tomt: Nivå.");
        assertThat(bySodermalm.level()).isNull();
        // a change by mail that gives only the heading it changes: the headings left out keep what they said
        mailbox().send(skarholmen, "SV: " + TestMail.subject(invitation), "Ändrar: " + bySkarholmen.id() + "\nBrådska: kan vänta\n\nMvh\n",
                invitation.getMessageID());
        mailRound();
        GapEntry changedBySkarholmen = service.entry(bySkarholmen.id()).orElseThrow();
        assertThat(changedBySkarholmen.urgency()).isEqualTo("lag");
        assertThat(changedBySkarholmen.perspective()).isEqualTo("klient");
        assertThat(changedBySkarholmen.level()).isEqualTo("stadsovergripande");
        assertThat(changedBySkarholmen.help()).isEqualTo(bySkarholmen.help());
        assertThat(changedBySkarholmen.theme()).isEqualTo("vald-och-kriminalitet");
        assertThat(changedBySkarholmen.text()).isEqualTo(bySkarholmen.text());
        assertThat(changedBySkarholmen.district()).isEqualTo("skarholmen");
        toSkarholmen = mailbox().inboxOf(skarholmen);
        assertThat(body(toSkarholmen.get(toSkarholmen.size() - 1))).contains(bySkarholmen.id() + " är ändrad");

        // 5. a FoU-forum agenda proposal of kind "kunskapslucka" joins the inventory
        forum.create(new MeetingPlan(guard.check("FoU-forum: kunskapsluckor"), LocalDate.of(2027, 2, 10), LocalTime.of(13, 0),
                LocalTime.of(16, 0), guard.check("Lokal Ekensberg"), guard.check(""), 40, LocalDate.of(2027, 2, 1), guard.check(""),
                guard.check("")), Recipient.slack("UCOORD"));
        slack().interactive(SlackRequests.viewSubmission("UKISTA", "forum-proposal", "forum-2027-02-10", Map.of("kind",
                SlackRequests.selected("gap"), "text", SlackRequests.input("Digitala kontakter och e-tjänster: når klienterna "
                        + "socialtjänsten lika bra när kontakten blir digital?"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> service.entries("kl-2027").stream()
                .anyMatch(e -> e.source() == GapEntry.Source.FORUM));
        GapEntry fromForum = service.entries("kl-2027").stream().filter(e -> e.source() == GapEntry.Source.FORUM).findFirst().orElseThrow();
        assertThat(fromForum.district()).isEqualTo("rinkeby-kista");
        assertThat(fromForum.theme()).isEqualTo("digitalisering");

        // 6. reminders five working days before the deadline (Friday 4 December 09:00), to the silent districts only,
        // once although two replicas run them at the same moment and the scheduler runs them again
        clock.set(Instant.parse("2026-12-04T08:00:00Z"));
        KnowledgeGapReminders one = new KnowledgeGapReminders(service, invitations, contacts, properties, workingDays, clock, zone, texts,
                deadLetters);
        KnowledgeGapReminders two = new KnowledgeGapReminders(service, invitations, contacts, properties, workingDays, clock, zone, texts,
                deadLetters);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(one::sendDue, OwnThreads.EACH);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(two::sendDue, OwnThreads.EACH);
        // (the scheduler's own runs come after: run beside them, it could queue everything before either started)
        assertThat(a.get() + b.get()).as("reminders queued by either replica").isPositive();
        scheduler.run(KnowledgeGapReminders.NAME);
        scheduler.run(KnowledgeGapReminders.NAME);
        mailRound();
        slackNotices.postDue();
        for (String district : contacts.districts()) {
            String address = contacts.addresses(district).get(0);
            int reminders = mailbox().inboxOf(address, "Påminnelse: kunskapsluckor 2027").size();
            boolean answered = List.of("bromma", "farsta", "skarholmen", "sodermalm", "rinkeby-kista").contains(district);
            assertThat(reminders).as(district).isEqualTo(answered ? 0 : 1);
        }
        assertThat(textsTo("UNORRMALM")).filteredOn(t -> t.startsWith("Påminnelse")).hasSize(1)
                .allMatch(t -> t.contains("så ställer jag några korta frågor"));
        assertThat(textsTo("UBROMMA")).noneMatch(t -> t.startsWith("Påminnelse"));

        // 7. an analyst adds a support task as a knowledge gap
        slack().command("UANALYST1", "kunskapsluckor lägg till " + ostermalm.reference());
        awaitText("UANALYST1", ostermalm.reference() + " är tillagd i inventeringen kl-2027");
        GapEntry fromTask = service.entries("kl-2027").stream().filter(e -> e.source() == GapEntry.Source.TASK).findFirst().orElseThrow();
        assertThat(fromTask.district()).isEqualTo("ostermalm");
        assertThat(fromTask.theme()).isEqualTo("samsjuklighet");

        // after the deadline nothing more is taken
        clock.set(Instant.parse("2026-12-12T08:00:00Z"));
        assertThat(say("UBROMMA", "ta bort kl-2027-001")).contains("tog emot svar till och med fredag 11 december 2026");

        // 8. close: the entries are grouped and the groups posted for the analysts
        slack().command("UCOORD", "kunskapsluckor stäng kl-2027");
        awaitText("UCOORD", "Inventeringen kl-2027 är stängd: 6 kunskapsluckor från 6 förvaltningar");
        List<GapGroup> groups = service.groups("kl-2027");
        GapGroup violence = groups.stream().filter(g -> g.entryIds().contains("kl-2027-001")).findFirst().orElseThrow();
        assertThat(violence.entryIds()).containsExactlyInAnyOrder("kl-2027-001", "kl-2027-002", bySkarholmen.id());
        assertThat(violence.confirmed()).isFalse();
        GapGroup digital = groups.stream().filter(g -> g.entryIds().contains(bySodermalm.id())).findFirst().orElseThrow();
        assertThat(digital.entryIds()).containsExactlyInAnyOrder(bySodermalm.id(), fromForum.id());
        assertThat(groups).hasSize(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.groups("kl-2027").stream().allMatch(g -> g.post() != null));
        assertThat(SLACK.calls("chat.postMessage", c -> STAFF.equals(c.param("channel")) && c.param("blocks") != null
                && c.param("blocks").contains("kg-confirm"))).hasSize(2);
        // a district's words as written: Södermalm's "<!here>" (helper 100) neither calls the channel nor becomes markup
        String digitalPost = SLACK.calls("chat.postMessage", c -> STAFF.equals(c.param("channel")) && c.param("blocks") != null
                && c.param("blocks").contains(bySodermalm.id())).get(0).param("blocks");
        assertThat(BlockKitRules.textOf(digitalPost)).contains("&lt;!here&gt; Hur påverkar e-tjänster").doesNotContain("<!here>");

        // 9. analysts confirm one proposed group and split the other; a district person cannot
        String violencePost = service.group(violence.id()).orElseThrow().post().ts();
        slack().click("UFARSTA", STAFF, violencePost, "kg-confirm", violence.id(), false);
        awaitText("UFARSTA", "Bara FoU-utredarna");
        slack().click("UANALYST1", STAFF, violencePost, "kg-confirm", violence.id(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.group(violence.id()).orElseThrow().confirmed());
        slack().click("UANALYST2", STAFF, service.group(digital.id()).orElseThrow().post().ts(), "kg-split", digital.id(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.group(digital.id()).isEmpty() && service.groups("kl-2027").size() == 4);
        groups = service.groups("kl-2027");
        assertThat(groups).hasSize(4).allMatch(g -> g.entryIds().size() == 1 || g.id().equals(violence.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.groups("kl-2027").stream().allMatch(g -> g.post() != null));
        assertThat(SLACK.calls("chat.update", c -> c.param("text") != null && c.param("text").contains("är uppdelad i"))).hasSize(1);
        groups = service.groups("kl-2027");

        // 10. decisions, by button; the last one tells every district that sent something
        List<String> decisions = List.of("senare", "pagar-redan", "inte-for-fou", "senare");
        for (int i = 0; i < groups.size(); i++) {
            GapGroup g = groups.get(i);
            String decision = g.id().equals(violence.id()) ? "prioriteras" : decisions.get(i);
            slack().click("UANALYST1", STAFF, g.post().ts(), "kg-decide-" + decision, g.id(), false);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> service.round("kl-2027").orElseThrow().outcomesSentAt() != null);
        assertThat(service.group(violence.id()).orElseThrow().decision()).isEqualTo(GapGroup.Decision.PRIORITISED);
        mailRound();
        slackNotices.postDue();
        List<MimeMessage> outcome = mailbox().inboxOf(skarholmen, "Besked från FoU: kunskapsluckor 2027");
        assertThat(outcome).hasSize(1);
        // once the districts are told, a decision stays: a late click is told so, the API answers 409 with the reason
        GapGroup told = service.group(violence.id()).orElseThrow();
        slack().click("UANALYST2", STAFF, told.post().ts(), "kg-decide-senare", told.id(), false);
        awaitText("UANALYST2", "Utfallet är redan skickat till förvaltningarna, så beslutet om grupp " + told.id() + " kan inte ändras.");
        HttpResponse<String> late = api("POST", "/api/knowledge-gaps/groups/" + told.id() + "/decision", "{\"decision\":\"senare\"}", TOKEN);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("beslutet kan inte ändras");
        assertThat(api("POST", "/api/knowledge-gaps/groups/kl-2027-g99/decision", "{\"decision\":\"senare\"}", TOKEN).body())
                .contains("Det finns ingen grupp som heter kl-2027-g99.");
        assertThat(service.group(violence.id()).orElseThrow().decision()).isEqualTo(GapGroup.Decision.PRIORITISED);
        assertThat(body(outcome.get(0))).contains("Tack för att Skärholmen var med").contains(bySkarholmen.id() + " (Våld och kriminalitet)")
                .contains("prioriteras: FoU tar med den").contains("Samma kunskapslucka kom också från 2 andra förvaltningar.");
        assertThat(mailbox().inboxOf("kunskapsluckor.bromma@example.se", "Besked från FoU")).hasSize(1);
        assertThat(mailbox().inboxOf("kunskapsluckor.ostermalm@example.se", "Besked från FoU")).hasSize(1);
        assertThat(mailbox().inboxOf("eva.ek@stockholm.se", "Besked från FoU")).as("the task's requester wrote by mail").hasSize(1);
        assertThat(mailbox().inboxOf("kunskapsluckor.norrmalm@example.se", "Besked från FoU")).as("sent nothing").isEmpty();
        assertThat(textsTo("UBROMMA")).anyMatch(t -> t.contains("kl-2027-001") && t.contains("prioriteras"));
        // a question in answer to the outcome is not read as a new entry: the letter invites questions by reply, and the
        // analysts get it as a question (helper 121: told the round had closed, and the question dropped)
        mailbox().send(skarholmen, "SV: " + TestMail.subject(outcome.get(0)), "Varför blev det så? Kunskapslucka: kan vi prata om det "
                + "på nästa FoU-forum?", outcome.get(0).getMessageID());
        mailRound();
        List<MimeMessage> afterQuestion = mailbox().inboxOf(skarholmen);
        String handedOver = body(afterQuestion.get(afterQuestion.size() - 1));
        assertThat(handedOver).contains("Din fråga om beskedet från inventeringen kl-2027 har gått till FoU-utredarna med referensen FOU-");
        assertThat(tasks.byRequester("email", skarholmen)).anySatisfy(t -> assertThat(t.request().concern())
                .contains("Varför blev det så?"));
        assertThat(service.entries("kl-2027", "skarholmen")).hasSize(1);
        // a word of thanks is no question: no task, and not told that the round has closed (helper 127)
        int questions = tasks.byRequester("email", skarholmen).size();
        mailbox().send(skarholmen, "SV: " + TestMail.subject(outcome.get(0)), "Tack för beskedet!", outcome.get(0).getMessageID());
        mailRound();
        afterQuestion = mailbox().inboxOf(skarholmen);
        assertThat(body(afterQuestion.get(afterQuestion.size() - 1))).contains("Tack för ditt svar! Har du en fråga om beskedet")
                .doesNotContain("tog emot svar till och med");
        assertThat(tasks.byRequester("email", skarholmen)).hasSize(questions);
        assertThat(textsTo("UKISTA")).anyMatch(t -> t.contains(fromForum.id()));

        // 11. the result: JSON and CSV, behind the admin token
        assertThat(api("GET", "/api/knowledge-gaps/rounds", null, null).statusCode()).isEqualTo(401);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode rounds = json.readTree(api("GET", "/api/knowledge-gaps/rounds", null, TOKEN).body());
        assertThat(rounds.get(0).get("id").asString()).isEqualTo("kl-2027");
        assertThat(rounds.get(0).get("districtsInvited").asInt()).isEqualTo(14);
        assertThat(rounds.get(0).get("districtsAnswered").asInt()).isEqualTo(6);
        JsonNode result = json.readTree(api("GET", "/api/knowledge-gaps/rounds/kl-2027", null, TOKEN).body());
        JsonNode violenceRow = null;
        for (JsonNode t : result.get("themes")) {
            if (t.get("theme").asString().equals("vald-och-kriminalitet")) {
                violenceRow = t;
            }
        }
        assertThat(violenceRow.get("total").asInt()).isEqualTo(3);
        assertThat(violenceRow.get("perDistrict").get("bromma").asInt()).isEqualTo(1);
        assertThat(violenceRow.get("perDistrict").get("norrmalm").asInt()).isZero();
        assertThat(result.get("perspectives").get("klient").asInt()).isEqualTo(2);
        assertThat(result.get("groups")).hasSize(4);
        assertThat(api("GET", "/api/knowledge-gaps/rounds/kl-1999", null, TOKEN).statusCode()).isEqualTo(404);

        HttpResponse<String> csv = api("GET", "/api/exports/knowledge-gaps.csv?round=kl-2027", null, TOKEN);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFround,entry,district,theme");
        // read back with another library, as a spreadsheet would: quoted cells across lines stay one cell
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv.body().substring(1))).getRecords();
        assertThat(rows).hasSize(6);
        org.apache.commons.csv.CSVRecord first = rows.stream().filter(r -> r.get("entry").equals("kl-2027-001")).findFirst().orElseThrow();
        assertThat(first.get("district")).isEqualTo("Bromma");
        assertThat(first.get("theme")).isEqualTo("Våld och kriminalitet");
        assertThat(first.get("perspective")).isEqualTo("klient");
        assertThat(first.get("group")).isEqualTo(violence.id());
        assertThat(first.get("group_size")).isEqualTo("3");
        assertThat(first.get("decision")).isEqualTo("prioriteras");
        assertThat(rows.stream().filter(r -> r.get("entry").equals(bySkarholmen.id())).findFirst().orElseThrow().get("text"))
                .isEqualTo(bySkarholmen.text()).contains("\n");
        assertThat(rows.stream().filter(r -> r.get("source").equals("task")).findFirst().orElseThrow().get("theme_by_rules")).isEqualTo("true");

        // and a new round opened by the admin API; a bad request is answered with its reasons
        HttpResponse<String> refused = api("POST", "/api/knowledge-gaps/rounds", "{\"year\":2027,\"deadline\":\"nästa vecka\"}", TOKEN);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("ÅÅÅÅ-MM-DD");
        HttpResponse<String> second = api("POST", "/api/knowledge-gaps/rounds",
                "{\"year\":2027,\"openingText\":\"En extra runda om digitaliseringen.\",\"deadline\":\"2027-01-29\"}", TOKEN);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json.readTree(second.body()).get("id").asString()).isEqualTo("kl-2027-2");
        mailRound();
        assertThat(mailbox().inboxOf("kunskapsluckor.farsta@example.se", "Kunskapsluckor och utmaningar 2027 (kl-2027-2) – svara senast fredag 29 januari 2027"))
                .hasSize(1);

        // 12. the staff web's page of the result, in the navigation, for a signed-in coordinator
        HttpClient browser = browser();
        assertThat(page(browser, "/dashboard/knowledge-gaps").statusCode()).isEqualTo(302);
        signInAsCoordinator(browser);
        HttpResponse<String> web = page(browser, "/dashboard/knowledge-gaps?round=kl-2027");
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(web.body()).contains("Kunskapsluckor och utmaningar").contains("fredag 11 december 2026")
                .contains("Våld och kriminalitet").contains("Prioriteras").contains("Skärholmen")
                .contains("/dashboard/exports/knowledge-gaps.csv?round=kl-2027");
        assertThat(page(browser, "/dashboard").body()).contains("href=\"/dashboard/knowledge-gaps\"");
        assertThat(page(browser, "/dashboard/exports/knowledge-gaps.csv?round=kl-2027").body()).startsWith("\uFEFFround,entry");
    }
}
