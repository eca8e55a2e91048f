package se.foubot.knowledgegaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.messaging.Recipient;
import se.foubot.scheduling.ReminderScheduler;
import se.foubot.support.TestMail;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.TaskService;

/**
 * Two rounds open at once, and the people who answer them, through signed Slack requests, the fake Slack Web API and
 * the embedded mail server: an answer goes to the round its writer was invited to or reminded of, someone invited to
 * both is asked which (buttons), nobody sees or is told the outcome of a district they have no tie to, a round closed
 * early says so (and when) wherever it is named, an API decision is shown in words, the staff page opens on the round
 * that is open, App Home shows the open round, and with none open the flow says so before its first question.
 * Its own application context and store (groups go to their own channel), so the rounds of the other inventory tests
 * are not in its way.
 */
@TestPropertySource(properties = "foubot.knowledge-gaps.slack-channel=C0KLTWO")
class KnowledgeGapTwoRoundsTest extends KnowledgeGapBot {

    private static final String GROUPS = "C0KLTWO";

    @Autowired
    TaskService tasks;
    @Autowired
    KnowledgeGapService service;
    @Autowired
    ReminderScheduler scheduler;
    @Autowired
    se.foubot.forum.ForumService forum;
    @Autowired
    se.foubot.privacy.OutsideTextGuard guard;

    private void earlierRequest(String user, String district) {
        tasks.create("earlier-" + user, new Requester(Recipient.SLACK, user, Map.of("channel", "D" + user)),
                new SupportRequest(district, "verksamhetsutvecklare", "Stöd med en uppföljningsmall för vårt nya arbetssätt.", null,
                        "vet-inte", null, null, "sv"), List.of());
    }

    /** The questions after the district, and "ja" at the summary: the bot's last answer. */
    private String answer(String user, String district, String gap) throws Exception {
        assertThat(say(user, district)).contains("Vilket tema");
        say(user, "digitalisering");
        say(user, "verksamhet");
        say(user, gap);
        say(user, "kartläggning");
        say(user, "lokal");
        assertThat(say(user, "kan vänta")).contains("Sammanfattning");
        return say(user, "ja");
    }

    /** The id the bot gave the entry it just saved, from its answer. */
    private static String savedId(String answer) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sparad som (kl-[0-9-]+)").matcher(answer);
        assertThat(m.find()).as(answer).isTrue();
        return m.group(1);
    }

    @Test
    void twoOpenRoundsAnswersFindTheirRoundAndEachPersonSeesOnlyWhatTheirDistrictsSent() throws Exception {
        clock.set(Instant.parse("2026-11-23T08:00:00.123456789Z")); // a clock finer than the store's milliseconds
        earlierRequest("UANNA", "bromma");
        earlierRequest("UBENGT", "farsta");

        // no round: said before the first question, with what to do instead
        String none = say("UANNA", "kunskapslucka");
        assertThat(none).startsWith("Just nu pågår ingen inventering av kunskapsluckor").contains("”ny”").contains("FoU-forum")
                .doesNotContain("Vilken förvaltning");

        // two rounds: the first closes 11 December, the second (opened later, so the newest) 29 January
        // the first asked for three times at once (a retried call; helper 100: kl-2027 and kl-2027-2, every district
        // invited twice): one round, made once, and the repeats answered with it
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> opening = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return api("POST", "/api/knowledge-gaps/rounds", "{\"year\":2027,\"deadline\":\"2026-12-11\"}", TOKEN);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, se.foubot.support.OwnThreads.EACH)).toList();
        List<Integer> statuses = new java.util.ArrayList<>();
        java.util.Set<String> openedAt = new java.util.HashSet<>();
        for (java.util.concurrent.CompletableFuture<HttpResponse<String>> call : opening) {
            HttpResponse<String> answer = call.get();
            statuses.add(answer.statusCode());
            tools.jackson.databind.JsonNode round = new tools.jackson.databind.ObjectMapper().readTree(answer.body());
            assertThat(round.get("id").asString()).isEqualTo("kl-2027");
            openedAt.add(round.path("openedAt").toString());
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 200, 200);
        assertThat(openedAt).as("the same time in each answer, as the store keeps it (helper 102)").hasSize(1);
        mailRound();
        assertThat(mailbox().inboxOf("kunskapsluckor.farsta@example.se")).hasSize(1);
        clock.set(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(api("POST", "/api/knowledge-gaps/rounds", "{\"year\":2027,\"openingText\":\"En extra runda om digitaliseringen.\","
                + "\"deadline\":\"2027-01-29\"}", TOKEN).statusCode()).isEqualTo(201);
        slackNotices.postDue();

        // someone known only after both opened is reminded of the first alone, and answers it, not the newest
        earlierRequest("UDAVID", "norrmalm");
        clock.set(Instant.parse("2026-12-04T08:00:00Z"));
        scheduler.run(KnowledgeGapReminders.NAME);
        slackNotices.postDue();
        assertThat(textsTo("UDAVID")).anyMatch(t -> t.startsWith("Påminnelse") && t.contains("fredag 11 december 2026"));
        String started = say("UDAVID", "kunskapslucka");
        assertThat(started).contains("Du svarar på inventeringen kl-2027, som tar emot svar till och med fredag 11 december 2026.")
                .contains("Vilken förvaltning");
        String david = savedId(answer("UDAVID", "norrmalm", "Vi vet för lite om hur digitala kontakter fungerar för äldre klienter."));
        assertThat(service.entry(david).orElseThrow().roundId()).isEqualTo("kl-2027");

        // invited to both: asked which, with a button for each; the button answers the round it names
        String which = say("UANNA", "kunskapslucka");
        assertThat(which).startsWith("Du är inbjuden till 2 inventeringar som tar emot svar just nu. Vilken vill du svara på?")
                .contains("kl-2027-2, svar senast fredag 29 januari 2027. En extra runda om digitaliseringen.")
                .contains("kl-2027, svar senast fredag 11 december 2026.");
        FakeSlackApi.Call asked = lastPost("DUANNA");
        assertThat(asked.param("blocks")).contains("\"value\":\"kunskapslucka kl-2027-2\"").contains("\"value\":\"kunskapslucka kl-2027\"");
        int before = textsTo("DUANNA", "UANNA").size();
        slack().click("UANNA", "DUANNA", "1.1", "answer-0", "kunskapslucka kl-2027-2", false);
        await().atMost(Duration.ofSeconds(15)).until(() -> textsTo("DUANNA", "UANNA").size() > before);
        assertThat(lastPost("DUANNA").param("text")).contains("Du svarar på inventeringen kl-2027-2").contains("Vilken förvaltning");

        // Anna names a district she has no tie to: taken, and she is told she will see only her own from there
        String annasDone = answer("UANNA", "farsta", "Hur når vi de klienter som inte använder e-tjänsterna alls?");
        String anna = savedId(annasDone);
        assertThat(service.entry(anna).orElseThrow().roundId()).isEqualTo("kl-2027-2");
        assertThat(annasDone).contains("Du ser bara dina egna kunskapsluckor för Farsta, eftersom du inte har gjort någon "
                + "stödförfrågan eller anmält dig till FoU-forum därifrån.");
        // Farsta's own person, typing the round's name
        assertThat(say("UBENGT", "kunskapslucka kl-2027-2")).contains("Du svarar på inventeringen kl-2027-2");
        String bengt = savedId(answer("UBENGT", "farsta", "Vi saknar kunskap om hur e-tjänsterna påverkar kontakten med socialtjänsten."));
        // someone the bot knows nothing about, invited to neither: asked which, and sees only their own
        assertThat(say("UCECILIA", "kunskapslucka")).startsWith("Just nu tar 2 inventeringar emot svar. Vilken vill du svara på?");
        assertThat(say("UCECILIA", "kunskapslucka kl-2027-2")).contains("Vilken förvaltning");
        String cecilia = savedId(answer("UCECILIA", "bromma", "Vi vet inte hur vi följer upp insatser som ges helt digitalt."));
        assertThat(service.entry(cecilia).orElseThrow().district()).isEqualTo("bromma");

        // what each sees: Bengt all of Farsta's; Anna her own for Farsta (and why), Bromma's as hers
        String bengtSees = say("UBENGT", "kunskapsluckor");
        assertThat(bengtSees).contains("Det här har Farsta skickat till inventeringen kl-2027-2 (svar tas emot till och med fredag 29 "
                + "januari 2027)").contains(bengt).contains(anna);
        String annaSees = say("UANNA", "kunskapsluckor");
        assertThat(annaSees).contains("Det här har du skickat för Farsta till inventeringen kl-2027-2").contains(anna)
                .doesNotContain(bengt).contains("Du ser bara dina egna kunskapsluckor för Farsta")
                .contains("Det här har Bromma skickat till inventeringen kl-2027-2").contains(cecilia);
        String ceciliaSees = say("UCECILIA", "kunskapsluckor");
        assertThat(ceciliaSees).contains(cecilia).contains("jag inte vet vilken förvaltning du hör till").doesNotContain(anna)
                .doesNotContain(bengt);

        // App Home: the open rounds, how to answer, her own entries
        slack().event("EvKlHome" + System.nanoTime(), "{\"type\":\"app_home_opened\",\"user\":\"UANNA\",\"channel\":\"DUANNA\",\"tab\":\"home\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> !SLACK.calls("views.publish", c -> "UANNA".equals(c.param("user_id"))).isEmpty());
        String home = SLACK.calls("views.publish", c -> "UANNA".equals(c.param("user_id"))).get(0).param("view");
        assertThat(home).contains("Kunskapsluckor och utmaningar 2027").contains("kl-2027-2 tar emot svar till och med fredag 29 januari 2027")
                .contains("Skriv ”kunskapslucka” till mig här så ställer jag några korta frågor").contains(anna);

        // a mail answer with a formula for a theme and a heading the form does not have: both named in the reply
        String sodermalm = "kunskapsluckor.sodermalm@example.se";
        mailRound();
        MimeMessage invitation = mailbox().inboxOf(sodermalm).stream().filter(m -> TestMail.subject(m).contains("29 januari 2027"))
                .findFirst().orElseThrow();
        mailbox().send(sodermalm, "SV: " + TestMail.subject(invitation), "Tema: =HYPERLINK(\"http://example.com/x\";\"Klicka\")\n"
                + "Målgrupp: unga vuxna\nKunskapslucka: Vi vet för lite om vad digitala möten betyder för unga vuxnas kontakt med oss.\n"
                + "Nivå: lokal\n", invitation.getMessageID());
        mailRound();
        List<MimeMessage> toSodermalm = mailbox().inboxOf(sodermalm);
        String reply = body(toSodermalm.get(toSodermalm.size() - 1));
        assertThat(reply).contains("Kunskapsluckan är sparad som").contains("Temat kunde jag inte läsa, så jag har valt det efter "
                + "beskrivningen").contains("Rubriken ”Målgrupp” känner jag inte igen, så det som stod under den sparades inte.")
                .doesNotContain("HYPERLINK");
        assertThat(service.entries("kl-2027-2", "sodermalm").get(0).ownTheme()).isNull();
        // helper 101: a reply of only a formula, its words English, was answered in English
        mailbox().send(sodermalm, "SV: " + TestMail.subject(invitation), "Tema: =HYPERLINK(\"http://example.com/x\";\"Click to see "
                + "the report with all of the gaps\")\n", invitation.getMessageID());
        mailRound();
        toSodermalm = mailbox().inboxOf(sodermalm);
        String formulaOnly = body(toSodermalm.get(toSodermalm.size() - 1));
        assertThat(formulaOnly.replace("\r\n", "\n")).startsWith("Hej!\n\nJag hittade ingen beskrivning av kunskapsluckan.").doesNotContain("I found")
                .doesNotContain("HYPERLINK");

        // a district contact registers for FoU-forum by mail with a knowledge gap for the agenda, naming no district: the
        // entry counts for the district of the address, in the newest round (mail contacts are invited to every round)
        forum.create(new se.foubot.forum.MeetingPlan(guard.check("FoU-forum: kunskapsluckor"), java.time.LocalDate.of(2027, 2, 10),
                java.time.LocalTime.of(13, 0), java.time.LocalTime.of(16, 0), guard.check("Lokal Ekensberg"), guard.check(""), 40,
                java.time.LocalDate.of(2027, 2, 1), guard.check(""), guard.check("")), Recipient.slack(COORDINATOR));
        String hagersten = "kunskapsluckor.hagersten-alvsjo@example.se";
        mailbox().send(hagersten, "anmäl forum-2027-02-10", "anmäl forum-2027-02-10\n\nKunskapslucka: Vi vet för lite om hur "
                + "digitala möten fungerar för föräldrar med begränsade kunskaper i svenska.\n", null);
        mailRound();
        MimeMessage confirm = mailbox().inboxOf(hagersten, "Bekräfta:").get(0);
        mailbox().send(hagersten, "Re: " + TestMail.subject(confirm), "ja", confirm.getMessageID());
        mailRound();
        await().atMost(Duration.ofSeconds(15)).until(() -> service.entries("kl-2027-2").stream()
                .anyMatch(e -> e.source() == GapEntry.Source.FORUM));
        GapEntry fromForum = service.entries("kl-2027-2").stream().filter(e -> e.source() == GapEntry.Source.FORUM).findFirst().orElseThrow();
        assertThat(fromForum.district()).isEqualTo("hagersten-alvsjo");
        assertThat(service.entries("kl-2027-2", "hagersten-alvsjo")).extracting(GapEntry::id).containsExactly(fromForum.id());
        assertThat(service.entries("kl-2027")).noneMatch(e -> e.source() == GapEntry.Source.FORUM);

        // the newer round closed early by the coordinator: the staff page opens on the one still open
        clock.set(Instant.parse("2026-12-07T09:30:00Z"));
        slack().command(COORDINATOR, "kunskapsluckor stäng kl-2027-2");
        awaitText(COORDINATOR, "Inventeringen kl-2027-2 är stängd");
        HttpClient browser = browser();
        signInAsCoordinator(browser);
        String page = page(browser, "/dashboard/knowledge-gaps").body();
        assertThat(page).contains("<option value=\"kl-2027\" selected=\"selected\">");
        assertThat(page(browser, "/dashboard/knowledge-gaps?round=kl-2027-2").body().replaceAll("\\s+", " "))
                .contains("Stängd <span>måndag 7 december 2026 kl. 10.30</span>, före sista svarsdagen <span>fredag 29 januari 2027</span>");
        // ... and what people are told names the close, not the deadline it never reached
        assertThat(say("UANNA", "ta bort " + anna)).isEqualTo("FoU stängde inventeringen kl-2027-2 måndag 7 december 2026 kl. 10.30, "
                + "före sista svarsdagen, så det går inte längre att lägga till eller ändra något. Hör gärna av dig direkt till FoU.");
        // Anna now has one round open to her: no question which
        assertThat(say("UANNA", "kunskapslucka")).doesNotContain("Du är inbjuden").contains("Vilken förvaltning");
        say("UANNA", "avbryt");
        // her list keeps the round closed early, says so, and offers no change where nothing of hers can change
        String annaAfterClose = say("UANNA", "kunskapsluckor");
        assertThat(annaAfterClose).contains("Bromma har inte skickat några kunskapsluckor till inventeringen kl-2027 ännu")
                .contains("Det här har Bromma skickat till inventeringen kl-2027-2 (stängdes i förtid måndag 7 december 2026 kl. 10.30)")
                .contains(cecilia).contains("FoU stängde inventeringen kl-2027-2 måndag 7 december 2026 kl. 10.30, före sista svarsdagen")
                .doesNotContain("Ändra en av dina").doesNotContain("Bromma har inte skickat några kunskapsluckor till inventeringen kl-2027-2");

        // decisions through the admin API are shown in words on the groups' messages
        await().atMost(Duration.ofSeconds(15)).until(() -> service.groups("kl-2027-2").stream().allMatch(g -> g.post() != null));
        for (GapGroup g : service.groups("kl-2027-2")) {
            assertThat(api("POST", "/api/knowledge-gaps/groups/" + g.id() + "/decision", "{\"decision\":\"prioriteras\"}", TOKEN)
                    .statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> service.round("kl-2027-2").orElseThrow().outcomesSentAt() != null);
        List<FakeSlackApi.Call> updates = SLACK.calls("chat.update", c -> GROUPS.equals(c.param("channel")));
        assertThat(updates).isNotEmpty().allMatch(c -> !c.param("text").contains("<@") && !c.param("blocks").contains("admin-api"));
        assertThat(updates).anyMatch(c -> c.param("text").contains("Beslut: Prioriteras (via administrations-API:t)"));

        // the outcome: Farsta's person hears of both Farsta entries, Anna of hers alone
        slackNotices.postDue();
        String bengtsOutcome = textsTo("UBENGT").stream().filter(t -> t.contains("Så här blev det")).findFirst().orElseThrow();
        assertThat(bengtsOutcome).contains(bengt).contains(anna);
        String annasOutcome = textsTo("UANNA").stream().filter(t -> t.contains("Så här blev det")).findFirst().orElseThrow();
        assertThat(annasOutcome).contains("Så här blev det med det du skickade för Farsta").contains(anna).doesNotContain(bengt);
        String ceciliasOutcome = textsTo("UCECILIA").stream().filter(t -> t.contains("Så här blev det")).findFirst().orElseThrow();
        assertThat(ceciliasOutcome).contains(cecilia);
        // the other round closes too: with none open, "kunskapslucka" is answered at once
        slack().command(COORDINATOR, "kunskapsluckor stäng kl-2027");
        await().atMost(Duration.ofSeconds(15)).until(() -> service.round("kl-2027").orElseThrow().status() == Round.Status.CLOSED);
        assertThat(say("UBENGT", "kunskapslucka")).startsWith("Just nu pågår ingen inventering av kunskapsluckor");
        // the early-closed round's reminder day comes and goes without a reminder naming its deadline
        clock.set(Instant.parse("2027-01-22T08:00:00Z"));
        scheduler.run(KnowledgeGapReminders.NAME);
        slackNotices.postDue();
        assertThat(textsTo("UANNA", "UBENGT", "UCECILIA")).noneMatch(t -> t.startsWith("Påminnelse") && t.contains("29 januari 2027"));
        // and the list (of the newest round, the one closed early) says when it was closed, not its deadline
        assertThat(say("UCECILIA", "kunskapsluckor")).contains("(stängdes i förtid måndag 7 december 2026 kl. 10.30)")
                .contains("FoU stängde inventeringen kl-2027-2").doesNotContain("Ändra en av dina").doesNotContain("”kunskapslucka”");
        // someone of a district that sent nothing to the round closed early: told it was closed, not asked to add more,
        // and told so once (helper 121: "(stängdes i förtid …)" and then "FoU stängde inventeringen … " again)
        String davidSees = say("UDAVID", "kunskapsluckor");
        assertThat(davidSees).contains("Norrmalm skickade inga kunskapsluckor till inventeringen kl-2027-2.\n\nFoU stängde inventeringen "
                + "kl-2027-2 måndag 7 december 2026 kl. 10.30, före sista svarsdagen").doesNotContain("stängdes i förtid")
                .doesNotContain("ännu").doesNotContain("Ändra en av dina");
        assertThat(davidSees.split("7 december 2026", -1)).as(davidSees).hasSize(2);
    }

    private static FakeSlackApi.Call lastPost(String channel) {
        List<FakeSlackApi.Call> posts = SLACK.calls("chat.postMessage", c -> channel.equals(c.param("channel")));
        return posts.get(posts.size() - 1);
    }
}
