package se.foubot.knowledgegaps.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.foubot.channels.slack.SlackRequests;
import se.foubot.knowledgegaps.KnowledgeGapBot;
import se.foubot.knowledgegaps.KnowledgeGapService;

/**
 * The inventory's Slack screens refuse what they must, with a reason where the person is: only coordinators open and
 * close a round, only analysts add tasks and decide, a form with a broken year or a personal identity number is sent
 * back with the reason beside the field, and nothing is opened.
 */
class SlackKnowledgeGapsTest extends KnowledgeGapBot {

    @Autowired
    KnowledgeGapService service;

    @Test
    void someoneWhoIsNotACoordinatorCannotOpenOrCloseARound() throws Exception {
        slack().command("UOUTSIDER1", "kunskapsluckor ny");
        awaitText("UOUTSIDER1", "Bara FoU:s samordnare kan öppna och stänga inventeringen");
        slack().command("UOUTSIDER1", "kunskapsluckor stäng kl-2027");
        await2("UOUTSIDER1");
        assertThat(SLACK.calls("views.open", c -> c.param("view").contains("kg-open") && c.param("trigger_id") != null
                && "UOUTSIDER1".equals(c.param("user")))).isEmpty();
    }

    @Test
    void aFormWithABrokenYearOrAPersonalIdentityNumberIsSentBackWithTheReasonsAndOpensNothing() throws Exception {
        int rounds = service.rounds().size();
        HttpResponse<String> refused = slack().interactive(SlackRequests.viewSubmission(COORDINATOR, "kg-open", "", Map.of(
                "year", SlackRequests.input("tjugotjugosju"), "text", SlackRequests.input("Ring Eva, 640823-3234, om något är oklart."),
                "deadline", SlackRequests.input("10/3"))));
        assertThat(refused.body()).contains("\"response_action\":\"errors\"").contains("Skriv året med fyra siffror")
                .contains("Texten innehöll ett personnummer").contains("Skriv datumet som ÅÅÅÅ-MM-DD").doesNotContain("640823");
        assertThat(service.rounds()).hasSize(rounds);
    }

    @Test
    void eachRefusalOfTheFormStandsUnderItsOwnFieldAndADayThatDoesNotExistIsSaidToBeNoDate() throws Exception {
        // helper 121: a year out of range and an opening text too long were shown under the deadline
        int rounds = service.rounds().size();
        HttpResponse<String> refused = slack().interactive(SlackRequests.viewSubmission(COORDINATOR, "kg-open", "", Map.of(
                "year", SlackRequests.input("2030"), "text", SlackRequests.input("Vi vill höra om det förebyggande arbetet. ".repeat(74)),
                "deadline", SlackRequests.input("2027-06-30"))));
        tools.jackson.databind.JsonNode errors = tools.jackson.databind.json.JsonMapper.builder().build().readTree(refused.body())
                .get("errors");
        assertThat(errors.get("year").asString()).startsWith("Året ska vara mellan");
        assertThat(errors.get("text").asString()).isEqualTo("Inledningen får vara högst 3\u00a0000 tecken.");
        assertThat(errors.has("deadline")).as(refused.body()).isFalse();
        // written as asked, but no day of the calendar: not told to write it as it is written
        HttpResponse<String> noSuchDay = slack().interactive(SlackRequests.viewSubmission(COORDINATOR, "kg-open", "", Map.of(
                "year", SlackRequests.input("2027"), "text", SlackRequests.input(""), "deadline", SlackRequests.input("2026-02-30"))));
        assertThat(tools.jackson.databind.json.JsonMapper.builder().build().readTree(noSuchDay.body()).get("errors").get("deadline")
                .asString()).isEqualTo("”2026-02-30” är inget giltigt datum.");
        assertThat(service.rounds()).hasSize(rounds);
    }

    @Test
    void onlyAnalystsAddTasksAndDecideAndAMissingTaskIsNamed() throws Exception {
        slack().command("UOUTSIDER2", "kunskapsluckor lägg till FOU-2026-0001");
        // helper 121: the refusal of adding a task named grouping and deciding
        awaitText("UOUTSIDER2", "Bara FoU-utredarna kan lägga till ett uppdrag i inventeringen av kunskapsluckor.");
        assertThat(textsTo("UOUTSIDER2")).noneMatch(t -> t.contains("gruppera"));
        slack().click("UOUTSIDER2", STAFF, "1.1", "kg-decide-prioriteras", "kl-2027-g01", false);
        await().until(() -> textsTo("UOUTSIDER2").stream().filter(t -> t.contains("Bara FoU-utredarna kan gruppera och besluta")).count() == 1);
        slack().command("UANALYST2", "kunskapsluckor lägg till FOU-1999-0042");
        awaitText("UANALYST2", "Inget uppdrag heter ”FOU-1999-0042”");
    }

    @Test
    void anUnknownWordIsAnsweredWithTheCommandsThereAre() throws Exception {
        HttpResponse<String> answer = slack().command(COORDINATOR, "kunskapsluckor visa allt");
        assertThat(answer.body()).contains("/fou kunskapsluckor ny").contains("/fou kunskapsluckor stäng ID");
    }

    private static void await2(String user) {
        await().until(() -> textsTo(user).stream().filter(t -> t.contains("Bara FoU:s samordnare")).count() == 2);
    }

    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15));
    }
}
