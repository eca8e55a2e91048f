package se.foubot.knowledgegaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import se.foubot.channels.slack.BlockKitRules;
import se.foubot.channels.slack.SlackRequests;
import se.foubot.messaging.Recipient;
import se.foubot.scheduling.ReminderScheduler;
import se.foubot.support.OwnThreads;
import se.foubot.support.TestMail;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * What the inventory says, as a black-box tester found it wanting (helper 121), through signed Slack requests, the
 * fake Slack Web API and the embedded mail server: the opening confirmation counts each person once, a later round of
 * the year is named in its invitations, reminders and outcome, an own theme that is a formula is not kept in Slack
 * either, an "Annat tema" the person chose is not marked as the rules', the close confirmation links the groups'
 * channel, the staff page counts in the singular, and English speaks of districts and of inventories "open for
 * answers now". Its own application context and store (groups go to their own channel), so what it counts is its own;
 * its rounds are of 2028, so that what it tells the coordinator (the fake Slack is the JVM's) is no text the other
 * inventory tests wait for.
 */
@TestPropertySource(properties = "foubot.knowledge-gaps.slack-channel=C0KLTEXTS")
// one inventory told in steps, each named for what it shows: a step goes on from where the one before it left off
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeGapTextsTest extends KnowledgeGapBot {

    private static final String GROUPS = "C0KLTEXTS";
    private static final String BROMMA = "kunskapsluckor.bromma@example.se";
    private static final String FARSTA = "kunskapsluckor.farsta@example.se";
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\";\"Öppna\")";
    /** No word of it is in the theme rules: they give it no theme. */
    private static final String UNSORTED = "Vi vet för lite om hur äldre utan egen bostad klarar vintern i vår stadsdel.";

    @Autowired
    TaskService tasks;
    @Autowired
    KnowledgeGapService service;
    @Autowired
    ReminderScheduler scheduler;

    private void earlierRequest(String user, String district) {
        tasks.create("earlier-" + user + "-" + district, new Requester(Recipient.SLACK, user, Map.of("channel", "D" + user)),
                new SupportRequest(district, "verksamhetsutvecklare", "Stöd med en uppföljningsmall för vårt nya arbetssätt.", null,
                        "vet-inte", null, null, "sv"), List.of());
    }

    /**
     * What the bot posts to {@code channel} from the {@code after}th text on, once one of them contains {@code contains}:
     * the fake Slack is the JVM's, so other classes' coordinator has had texts from the bot too.
     */
    private static List<String> textsSince(String channel, int after, String contains) {
        await().atMost(Duration.ofSeconds(15)).until(() -> textsTo(channel).stream().skip(after).anyMatch(t -> t.contains(contains)));
        return textsTo(channel).stream().skip(after).toList();
    }

    /** The flow from the district on, with "Annat tema" and {@code ownTheme}; the bot's answer to the last "ja". */
    private String answerWithOwnTheme(String user, String ownTheme, String gap) throws Exception {
        assertThat(say(user, "bromma")).contains("Vilket tema");
        assertThat(say(user, "annat tema")).contains("Vad skulle du kalla temat");
        say(user, ownTheme);
        say(user, "verksamhet");
        say(user, gap);
        say(user, "kartläggning");
        say(user, "lokal");
        assertThat(say(user, "kan vänta")).contains("Sammanfattning");
        return say(user, "ja");
    }

    @Test
    @Order(1)
    void theOpeningConfirmationCountsEachInvitedPersonOnceAsTheInvitationsGo() throws Exception {
        clock.set(Instant.parse("2026-11-23T08:00:00Z"));
        // someone tied to two districts, and someone to one
        earlierRequest("UTXBOTH", "bromma");
        earlierRequest("UTXBOTH", "farsta");
        earlierRequest("UTXONE", "bromma");

        // the opening confirmation counts each person once, as the invitations go (was "3 meddelanden" for 2 sent)
        int before = textsTo(COORDINATOR).size();
        HttpResponse<String> opened = slack().interactive(SlackRequests.viewSubmission(COORDINATOR, "kg-open", "",
                Map.of("year", SlackRequests.input("2028"), "text", SlackRequests.input(""), "deadline", SlackRequests.input("2026-12-11"))));
        assertThat(opened.body()).doesNotContain("errors");
        assertThat(textsSince(COORDINATOR, before, "Inventeringen kl-2028 är öppen"))
                .anyMatch(t -> t.contains("14 förvaltningar bjuds in: 14 mejl och 2 meddelanden i Slack."));
    }

    @Test
    @Order(2)
    void aLaterRoundOfTheYearIsNamedInItsSlackInvitationAndTheFirstReadsAsBefore() throws Exception {
        // a second round of the year, by the admin API
        assertThat(api("POST", "/api/knowledge-gaps/rounds", "{\"year\":2028,\"openingText\":\"En extra runda om äldre.\","
                + "\"deadline\":\"2026-12-11\"}", TOKEN).statusCode()).isEqualTo(201);
        slackNotices.postDue();
        List<String> invitations = textsTo("UTXONE").stream().filter(t -> t.startsWith("FoU inventerar")).toList();
        assertThat(invitations).hasSize(2).allMatch(t -> t.contains("så ställer jag några korta frågor"))
                .anyMatch(t -> t.contains("kunskapsluckor och utmaningar 2028 (kl-2028-2). En extra runda om äldre."))
                .anyMatch(t -> t.contains("kunskapsluckor och utmaningar 2028. ") && !t.contains("(kl-2028"));
        assertThat(textsTo("UTXBOTH")).filteredOn(t -> t.startsWith("FoU inventerar")).as("once a round, though of two districts")
                .hasSize(2);
    }

    @Test
    @Order(3)
    void inEnglishInventoriesAreOpenForAnswersNowAndTheDistrictIsAskedForAsADistrict() throws Exception {
        // in English: inventories "open for answers now", and the district asked for as a district
        assertThat(say("UTXEN", "english")).contains("Okay, let's talk in English");
        assertThat(say("UTXEN", "knowledge gap")).startsWith("2 inventories are open for answers now. Which one do you want to answer?");
        assertThat(say("UTXEN", "knowledge gap kl-2028")).contains("which is open for answers until Friday 11 December 2026")
                .contains("Which district are you answering for?").doesNotContain("administration");
        say("UTXEN", "cancel");
    }

    @Test
    @Order(4)
    void anOwnThemeThatIsAFormulaIsNotKeptInSlackAndAnAnnatTemaThePersonChoseIsNotMarkedAsTheRules() throws Exception {
        // an own theme that is a formula is not kept in Slack, as it is not by mail; with no theme from the rules, it is
        // "Annat tema", which the person chose: not the rules'
        assertThat(say("UTXONE", "kunskapslucka kl-2028")).contains("Vilken förvaltning");
        String formulaDone = answerWithOwnTheme("UTXONE", FORMULA, UNSORTED);
        assertThat(formulaDone).contains("Kunskapsluckan är sparad som kl-2028-001")
                .contains("Temat kunde jag inte läsa, så det står som ”Annat tema”.").doesNotContain("HYPERLINK");
        GapEntry byFormula = service.entry("kl-2028-001").orElseThrow();
        assertThat(byFormula.ownTheme()).isNull();
        assertThat(byFormula.theme()).isEqualTo(GapLists.OTHER_THEME);
        assertThat(byFormula.themeSorted()).isFalse();
        assertThat(say("UTXONE", "kunskapsluckor")).doesNotContain("HYPERLINK");
        // "Annat tema" and own words the rules give no theme: the person's choice, exported as such
        assertThat(say("UTXONE", "kunskapslucka kl-2028-2")).contains("Vilken förvaltning");
        String own = answerWithOwnTheme("UTXONE", "Hemlöshet bland äldre", UNSORTED);
        assertThat(own).contains("Kunskapsluckan är sparad som kl-2028-2-001").doesNotContain("Temat kunde jag inte läsa");
        GapEntry ownTheme = service.entry("kl-2028-2-001").orElseThrow();
        assertThat(ownTheme.ownTheme()).isEqualTo("Hemlöshet bland äldre");
        assertThat(ownTheme.themeSorted()).isFalse();
        assertThat(api("GET", "/api/exports/knowledge-gaps.csv?round=kl-2028-2", null, TOKEN).body())
                .contains("Annat tema,Hemlöshet bland äldre,false,");
    }

    @Test
    @Order(5)
    void byMailAThemeNotKeptAndGivenNoneByTheRulesIsSaidToBeAnnatTemaAndHowToChangeReadsAsSwedish() throws Exception {
        // by mail, a formula for a theme and a description the rules give no theme: left as "Annat tema", and said so
        mailRound();
        MimeMessage invitation = mailbox().inboxOf(BROMMA, "Kunskapsluckor och utmaningar 2028 – ").get(0);
        mailbox().send(BROMMA, "SV: " + TestMail.subject(invitation), "Tema: " + FORMULA + "\nKunskapslucka: " + UNSORTED + "\n",
                invitation.getMessageID());
        mailRound();
        List<MimeMessage> toBromma = mailbox().inboxOf(BROMMA);
        String saved = body(toBromma.get(toBromma.size() - 1));
        assertThat(saved).contains("Kunskapsluckan är sparad som kl-2028-002 för Bromma")
                .contains("Om ni vill ändra den, senast fredag 11 december 2026, svarar ni med raden ”Ändrar: kl-2028-002” överst och "
                        + "skriver rubrikerna igen.")
                .contains("Temat kunde jag inte läsa, så det står som ”Annat tema”.").doesNotContain("valt det efter beskrivningen");
    }

    @Test
    @Order(6)
    void remindersOfTwoRoundsOpenAtOnceNameTheLaterRound() throws Exception {
        // reminders of two rounds open at once: the later one named, the first as before
        clock.set(Instant.parse("2026-12-04T08:00:00Z"));
        scheduler.run(KnowledgeGapReminders.NAME);
        mailRound();
        slackNotices.postDue();
        assertThat(mailbox().inboxOf(FARSTA, "Påminnelse").stream().map(TestMail::subject).toList()).containsExactlyInAnyOrder(
                "Påminnelse: kunskapsluckor 2028 – svara senast fredag 11 december 2026",
                "Påminnelse: kunskapsluckor 2028 (kl-2028-2) – svara senast fredag 11 december 2026");
        List<String> reminders = textsTo("UTXBOTH").stream().filter(t -> t.startsWith("Påminnelse")).toList();
        assertThat(reminders).hasSize(2).anyMatch(t -> t.contains("från Farsta till inventeringen 2028 ännu"))
                .anyMatch(t -> t.contains("från Farsta till inventeringen 2028 (kl-2028-2) ännu"))
                .allMatch(t -> t.contains("så ställer jag några korta frågor"));
    }

    @Test
    @Order(7)
    void theCloseConfirmationLinksTheGroupsChannelAndCountsOneInTheSingular() throws Exception {
        // the close confirmation: the groups' channel a live link, the counts in the singular where they are one
        clock.set(Instant.parse("2026-12-12T08:00:00Z"));
        int before = textsTo(COORDINATOR).size();
        slack().command(COORDINATOR, "kunskapsluckor stäng kl-2028");
        assertThat(textsSince(COORDINATOR, before, "Inventeringen kl-2028 är stängd")).anyMatch(t -> t.startsWith("Inventeringen kl-2028 "
                + "är stängd: 2 kunskapsluckor från 1 förvaltning, i 2 grupper. Grupperna ligger i <#" + GROUPS + "> för att bekräftas"))
                .noneMatch(t -> t.contains("&lt;#"));
        int closedOne = textsTo(COORDINATOR).size();
        slack().command(COORDINATOR, "kunskapsluckor stäng kl-2028-2");
        assertThat(textsSince(COORDINATOR, closedOne, "Inventeringen kl-2028-2 är stängd"))
                .anyMatch(t -> t.startsWith("Inventeringen kl-2028-2 är stängd: 1 kunskapslucka från 1 förvaltning, i 1 grupp. Gruppen ligger i"));
    }

    @Test
    @Order(8)
    void anAnalystWhoseDecisionAnotherReplacedIsToldWhoAndWithWhatAlsoWhenBothDecideTheLastGroupAtOnce() throws Exception {
        // a black-box tester: two analysts deciding the last group at the same moment were both taken, the later stood,
        // and the one whose decision was overridden was never told
        await().atMost(Duration.ofSeconds(15)).until(() -> service.groups("kl-2028").stream().allMatch(g -> g.post() != null));
        List<GapGroup> groups = service.groups("kl-2028");
        assertThat(groups).hasSize(2);
        GapGroup first = groups.get(0);
        slack().click("UANALYST1", GROUPS, first.post().ts(), "kg-decide-prioriteras", first.id(), false);
        await().atMost(Duration.ofSeconds(15)).until(() -> "UANALYST1".equals(service.group(first.id()).orElseThrow().decidedBy()));
        slack().click("UANALYST2", GROUPS, first.post().ts(), "kg-decide-senare", first.id(), false);
        awaitText("UANALYST1", "Ditt beslut om grupp " + first.id() + ", ”Prioriteras”, har ersatts: <@UANALYST2> beslutade ”Senare”. "
                + "Beslutet kan ändras tills alla grupper har ett.");
        assertThat(textsTo("UANALYST2")).noneMatch(t -> t.contains("Ditt beslut om grupp " + first.id()));
        assertThat(service.group(first.id()).orElseThrow().decision()).isEqualTo(GapGroup.Decision.LATER);

        // the last group, by both at the same moment: whichever decision does not stand, its analyst is told why — replaced
        // by the other's, or refused because the districts had been told with the other's
        GapGroup last = groups.get(1);
        CompletableFuture<HttpResponse<String>> one = CompletableFuture.supplyAsync(() -> click("UANALYST1", last, "senare"),
                OwnThreads.EACH);
        CompletableFuture<HttpResponse<String>> two = CompletableFuture.supplyAsync(() -> click("UANALYST2", last, "pagar-redan"),
                OwnThreads.EACH);
        assertThat(one.get().statusCode()).isEqualTo(200);
        assertThat(two.get().statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> service.round("kl-2028").orElseThrow().outcomesSentAt() != null);
        GapGroup decided = service.group(last.id()).orElseThrow();
        String stands = decided.decidedBy();
        String overridden = "UANALYST1".equals(stands) ? "UANALYST2" : "UANALYST1";
        String standsLabel = decided.decision() == GapGroup.Decision.LATER ? "Senare" : "Pågår redan";
        String overriddenLabel = decided.decision() == GapGroup.Decision.LATER ? "Pågår redan" : "Senare";
        await().atMost(Duration.ofSeconds(15)).until(() -> textsTo(overridden).stream().anyMatch(t -> t.equals("Ditt beslut om grupp "
                + last.id() + ", ”" + overriddenLabel + "”, har ersatts: <@" + stands + "> beslutade ”" + standsLabel + "”. Alla grupper "
                + "har nu beslut, och förvaltningarna har fått besked om utfallet.") || t.equals("Utfallet är redan skickat till "
                + "förvaltningarna, så beslutet om grupp " + last.id() + " kan inte ändras.")));
        assertThat(textsTo(stands)).noneMatch(t -> t.contains("grupp " + last.id()));
    }

    private HttpResponse<String> click(String analyst, GapGroup group, String decision) {
        try {
            return slack().click(analyst, GROUPS, group.post().ts(), "kg-decide-" + decision, group.id(), false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(9)
    void theOutcomeOfALaterRoundNamesItAndTheFirstRoundsReadsAsBefore() throws Exception {
        // the outcome of the later round names it; the first round's (decided in Slack, above) reads as before
        await().atMost(Duration.ofSeconds(15)).until(() -> service.groups("kl-2028-2").stream().allMatch(g -> g.post() != null));
        for (GapGroup g : service.groups("kl-2028-2")) {
            assertThat(api("POST", "/api/knowledge-gaps/groups/" + g.id() + "/decision", "{\"decision\":\"senare\"}", TOKEN)
                    .statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> service.round("kl-2028-2").orElseThrow().outcomesSentAt() != null);
        mailRound();
        slackNotices.postDue();
        assertThat(mailbox().inboxOf(BROMMA, "Besked från FoU").stream().map(TestMail::subject).toList()).containsExactlyInAnyOrder(
                "Besked från FoU: kunskapsluckor 2028 (kl-2028-2)", "Besked från FoU: kunskapsluckor 2028");
        assertThat(textsTo("UTXONE")).anyMatch(t -> t.contains("kunskapsluckor och utmaningar 2028 (kl-2028-2). Nu har FoU"))
                .noneMatch(t -> t.contains("HYPERLINK"));
    }

    @Test
    @Order(10)
    void aQuestionInReplyToADistrictsOutcomeIsATaskForThatDistrictAndItsCardSaysSo() throws Exception {
        // a black-box tester found the analysts' card of such a question without a district, though the letter was Bromma's
        MimeMessage outcome = mailbox().inboxOf(BROMMA, "Besked från FoU: kunskapsluckor 2028").stream()
                .filter(m -> !TestMail.subject(m).contains("kl-2028-2")).findFirst().orElseThrow();
        mailbox().send(BROMMA, "SV: " + TestMail.subject(outcome), "Varför blev allt senare? Vi hade hoppats på en kartläggning i år.",
                outcome.getMessageID());
        mailRound();
        SupportTask question = tasks.byRequester("email", BROMMA).stream().filter(t -> t.request().isQuestion()).findFirst().orElseThrow();
        assertThat(question.request().concern()).startsWith("Varför blev allt senare?");
        assertThat(question.request().district()).isEqualTo("bromma");
        // the fake Slack API is the one of every class on KnowledgeGapBot in a JVM, whose stores number their tasks alike: the card is
        // told by its reference and its words
        java.util.function.Predicate<se.foubot.channels.slack.FakeSlackApi.Call> cardOfQuestion = c -> STAFF.equals(c.param("channel")) && c.param("blocks") != null
                && c.param("blocks").contains(question.reference()) && c.param("blocks").contains("Varför blev allt senare?");
        await().atMost(Duration.ofSeconds(15)).until(() -> !SLACK.calls("chat.postMessage", cardOfQuestion).isEmpty());
        String card = SLACK.calls("chat.postMessage", cardOfQuestion).get(0).param("blocks");
        assertThat(BlockKitRules.textOf(card)).contains("*Förvaltning*\nBromma");
    }

    @Test
    @Order(11)
    void closingADecidedRoundAgainSaysItIsClosedAlreadyAndShowsItsDecisions() throws Exception {
        // a black-box tester closing a decided round again was told its groups lay there "för att bekräftas"
        int before = textsTo(COORDINATOR).size();
        slack().command(COORDINATOR, "kunskapsluckor stäng kl-2028");
        String again = textsSince(COORDINATOR, before, "Inventeringen kl-2028 är redan stängd").stream()
                .filter(t -> t.startsWith("Inventeringen kl-2028 är redan stängd")).findFirst().orElseThrow();
        assertThat(again).startsWith("Inventeringen kl-2028 är redan stängd sedan lördag 12 december 2026 kl. 09.00: 2 kunskapsluckor "
                + "från 1 förvaltning, i 2 grupper. Alla grupper har beslut, och förvaltningarna fick besked lördag 12 december 2026 "
                + "kl. 09.00:").doesNotContain("bekräftas").doesNotContain("inget beslut");
        Map<GapGroup.Decision, String> shown = Map.of(GapGroup.Decision.LATER, "Senare", GapGroup.Decision.UNDER_WAY, "Pågår redan");
        for (GapGroup g : service.groups("kl-2028")) {
            assertThat(again).containsPattern("\\n• " + g.id() + " \\([^)]+\\): " + shown.get(g.decision()) + "(\\n|$)");
        }
        int one = textsTo(COORDINATOR).size();
        slack().command(COORDINATOR, "kunskapsluckor stäng kl-2028-2");
        assertThat(textsSince(COORDINATOR, one, "Inventeringen kl-2028-2 är redan stängd")).anyMatch(t -> t.startsWith(
                "Inventeringen kl-2028-2 är redan stängd sedan lördag 12 december 2026 kl. 09.00: 1 kunskapslucka från 1 förvaltning, "
                + "i 1 grupp. Gruppen har beslut, och förvaltningarna fick besked"));
        assertThat(service.round("kl-2028").orElseThrow().closedAt()).isEqualTo(Instant.parse("2026-12-12T08:00:00Z"));
    }

    @Test
    @Order(12)
    void theStaffPageCountsOneKnowledgeGapGroupAndDecisionInTheSingular() throws Exception {
        // the staff page: "1 kunskapslucka", "1 grupp", "1 beslutad"
        HttpClient browser = browser();
        signInAsCoordinator(browser);
        assertThat(page(browser, "/dashboard/knowledge-gaps?round=kl-2028-2").body().replaceAll("\\s+", " "))
                .contains("1 kunskapslucka från 1 av 14 förvaltningar, 1 grupp, varav 1 beslutad.");
        assertThat(page(browser, "/dashboard/knowledge-gaps?round=kl-2028").body().replaceAll("\\s+", " "))
                .contains("2 kunskapsluckor från 1 av 14 förvaltningar, 2 grupper, varav 2 beslutade.");
    }
}
