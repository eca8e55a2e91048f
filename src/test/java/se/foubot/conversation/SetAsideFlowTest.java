package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.EmbeddedStoreFixture;
import se.foubot.support.MutableClock;

/**
 * A flow the bot starts for a person (an analyst's question) while they are in the middle of their own: theirs is set
 * aside, kept in the store, and goes on where it stood once the question has ended, answered or cancelled.
 */
class SetAsideFlowTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();
    private static final Map<String, String> QUESTION = Map.of("analyst", "Anna", "question", "Hur många deltar?");

    @TempDir
    static Path dataDir;

    static EmbeddedStoreFixture store;
    static MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    static ConversationEngine engine;

    @BeforeAll
    static void startStoreAndEngine() {
        store = new EmbeddedStoreFixture(dataDir);
        engine = AsideFlowsEngine.over(store.template(), clock, List.of(new RecordNotes(store.template())));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static String say(ConversationKey key, String text) {
        return engine.handle(key, GUARD.check(text)).text();
    }

    /**
     * How many runs of the question flow ended unanswered, as their outcome was told (once a run: the note's key), by
     * why: {@code before} and after a step differ by what that step ended.
     */
    private static Map<String, Long> questionsUnanswered() {
        return store.template().findAll(Document.class, "notes").stream()
                .filter(d -> d.getString("_id").startsWith("unanswered:") && "question".equals(d.getString("flow")))
                .collect(java.util.stream.Collectors.groupingBy(d -> d.getString("why"), java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    /** {@code after} is {@code before} with one more run ended unanswered for {@code why}, and nothing else. */
    private static Map<String, Long> plusOne(Map<String, Long> before, String why) {
        Map<String, Long> expected = new java.util.TreeMap<>(before);
        expected.merge(why, 1L, Long::sum);
        return expected;
    }

    private Document stored(ConversationKey key) {
        return store.template().findById(key.id(), Document.class, "conversations");
    }

    @Test
    void anUnfinishedFlowIsSetAsideForTheBotsQuestionAndGoesOnWhereItStoodOnceTheQuestionIsAnswered() {
        ConversationKey key = new ConversationKey("test", "aside-1");
        say(key, "ärende");
        assertThat(say(key, "Uppföljning av brukarenkäten")).contains("Vem gäller det?");

        String asked = engine.start(key, "question", QUESTION, Map.of()).text();
        assertThat(asked).startsWith("(Din påbörjade konversation – Ärende – väntar så länge. När du har svarat fortsätter vi där du slutade.)")
                .contains("Anna undrar: Hur många deltar?").endsWith("Skriv ditt svar här.").doesNotContain("avbröts");
        assertThat(stored(key).get("paused", Document.class).getString("stepId")).as("kept in the store, not in memory").isEqualTo("who");

        Map<String, Long> unansweredBefore = questionsUnanswered();
        String answered = say(key, "Ungefär 40.");
        assertThat(questionsUnanswered()).as("answered: nothing to tell").isEqualTo(unansweredBefore);
        assertThat(answered).as("the question's end first, then the flow set aside, asking where it stood")
                .isEqualTo("Tack, svaret är skickat.\n\nNu fortsätter vi där du slutade – Ärende.\n\nVem gäller det?");
        assertThat(stored(key).get("paused")).as("nothing waits any more").isNull();

        assertThat(say(key, "Enhetschefer i Bromma")).contains("När behövs det?");
        assertThat(say(key, "I vår")).contains("Sammanfattning").contains("Uppföljning av brukarenkäten").contains("Enhetschefer i Bromma");
        assertThat(say(key, "ja")).contains("Ärendet sparat (3 svar).");
        assertThat(store.template().findAll(Document.class, "notes")).filteredOn(d -> "question".equals(d.getString("flow")))
                .anySatisfy(d -> assertThat(d.get("answers", Document.class)).containsEntry("answer", "Ungefär 40."));
    }

    /** The person's errand begun (its first question answered) and set aside for the bot's question. */
    private static void errandSetAsideForTheQuestion(ConversationKey key) {
        errandBegun(key);
        engine.start(key, "question", QUESTION, Map.of());
    }

    /** The person's errand begun, its first question answered. */
    private static void errandBegun(ConversationKey key) {
        say(key, "ärende");
        say(key, "Uppföljning av brukarenkäten");
    }

    /** The stored conversation's {@code field} changed by hand (an operator, a flow file renamed since). */
    private static void changedByHand(ConversationKey key, String field, Object value) {
        changedByHand(key, new Document("$set", new Document(field, value)));
    }

    private static void changedByHand(ConversationKey key, Document update) {
        store.template().getCollection("conversations").updateOne(new Document("_id", key.id()), update);
    }

    /** The person's errand set aside for the bot's question, whose flow is then gone. */
    private static void questionGoneOverTheErrand(ConversationKey key) {
        errandSetAsideForTheQuestion(key);
        changedByHand(key, "flowId", "removed-since");
    }

    /**
     * Helper 111's D3: an errand set aside whose flow is gone was dropped without a word; helper 112: one whose step
     * name is gone was said ended, its flow being there.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            paused.flowId | Det du höll på med innan kan inte fortsätta, eftersom frågorna i det inte finns längre. Jag har avslutat det. Inget skickades.\\n\\nTack, svaret är skickat.
            paused.stepId | Tack, svaret är skickat.\\n\\nNu fortsätter vi med det du höll på med innan – Ärende. Frågorna har ändrats sedan dess, så vi börjar om från början.\\n\\nVad gäller det?
            """)
    void anErrandSetAsideWhoseFlowOrStepIsGoneIsSaidWhatBecomesOfItWhenTheQuestionIsAnswered(String field, String expected) {
        ConversationKey key = new ConversationKey("test", "aside-gone-" + field);
        errandSetAsideForTheQuestion(key);
        changedByHand(key, field, "renamed-since");

        assertThat(say(key, "Ungefär 40.")).isEqualTo(expected.replace("\\n", "\n"));
        assertThat(stored(key).get("paused")).isNull();
        assertThat(say(key, "Enhetschefer")).doesNotContain("finns inte längre").doesNotContain("Förlåt");
    }

    @Test
    void aQuestionWhoseFlowIsGoneEndsAndTheFlowSetAsideGoesOnWithItsQuestionAskedAgain() {
        ConversationKey key = new ConversationKey("test", "aside-active-gone");
        questionGoneOverTheErrand(key);

        assertThat(say(key, "Ungefär 40.")).as("helper 111's D4: the errand went on without a word")
                .isEqualTo("Frågorna i det vi höll på med finns inte längre, så jag har avslutat det. Inget skickades.\n\n"
                        + "Nu fortsätter vi där du slutade – Ärende.\n\nVem gäller det?");
        assertThat(say(key, "Enhetschefer i Bromma")).as("the answer is the errand's").contains("När behövs det?");
        assertThat(store.template().findAll(Document.class, "notes")).as("whoever asked is told, its flow gone (helper 112)")
                .anySatisfy(d -> assertThat(d).containsEntry("flow", "removed-since").containsEntry("why", "FLOW_GONE"));
    }

    /**
     * Helper 114: after a question that is gone, "avbryt", "börja om" and "english" were taken as the message that lets
     * the errand go on, and had to be written again; they are words to the conversation, so they act on the errand.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            avbryt   | Frågorna i det vi höll på med finns inte längre, så jag har avslutat det. Inget skickades.\\n\\nOkej, jag har avbrutit. Inget skickades. | false
            börja om | Frågorna i det vi höll på med finns inte längre, så jag har avslutat det. Inget skickades.\\n\\nVi börjar om från början.\\n\\nVad gäller det? | true
            english  | The questions of what we were doing no longer exist, so I have ended it. Nothing was sent.\\n\\nOkay, let's talk in English.\\n\\nWho is it for? | true
            """)
    void aWordToTheConversationAfterAQuestionThatIsGoneActsOnTheErrandThatGoesOn(String word, String expected, boolean running) {
        ConversationKey key = new ConversationKey("test", "aside-gone-word-" + word.replace(' ', '-'));
        questionGoneOverTheErrand(key);
        String run = stored(key).getString("runId");

        assertThat(say(key, word)).isEqualTo(expected.replace("\\n", "\n"));
        assertThat(store.template().findById("unanswered:" + run, Document.class, "notes")).as("whoever asked is told")
                .containsEntry("why", "FLOW_GONE");
        assertThat(engine.look(key).standing().inFlow()).isEqualTo(running);
        assertThat(stored(key).get("paused")).isNull();
    }

    @Test
    void aCommandToSomeoneWhoseQuestionsFlowIsGoneLetsTheFlowSetAsideGoOnAtOnce() {
        ConversationKey key = new ConversationKey("test", "aside-gone-command");
        questionGoneOverTheErrand(key);

        // what a command's answer ("status") is given first: before helper 112's report, the errand stayed set aside
        // under nothing and came back after some later request had ended
        assertThat(engine.endIfExpired(engine.look(key)).map(BotReply::text)).hasValue("Frågorna i det vi höll på med finns inte längre, så jag har "
                + "avslutat det. Inget skickades.\n\nNu fortsätter vi där du slutade – Ärende.\n\nVem gäller det?");
        assertThat(engine.look(key).standing().inFlow()).isTrue();
        assertThat(say(key, "Enhetschefer i Bromma")).contains("När behövs det?");
    }

    @Test
    void aPathNamingAStepThatIsGoneBeginsTheFlowAgainInsteadOfFailingBack() {
        ConversationKey key = new ConversationKey("test", "history-step-gone");
        errandBegun(key);
        changedByHand(key, "history", List.of("what", "finns-inte"));

        // helper 112: "tillbaka" failed three times into the dead letters
        assertThat(say(key, "tillbaka")).startsWith("Vi börjar om från början.").contains("Vad gäller det?");
        assertThat(say(key, "Ny fråga")).contains("Vem gäller det?");
    }

    /** The person's errand set aside for the bot's question, whose flow name is then removed by hand. @return its run */
    private String questionNamelessOverTheErrand(ConversationKey key) {
        errandSetAsideForTheQuestion(key);
        String run = stored(key).getString("runId");
        changedByHand(key, new Document("$unset", new Document("flowId", "")));
        return run;
    }

    @Test
    void aQuestionWhoseFlowNameWasRemovedByHandIsToldUnansweredAndTheErrandGoesOnAtOnce() {
        ConversationKey key = new ConversationKey("test", "aside-nameless");
        String run = questionNamelessOverTheErrand(key);

        // helper 113: nobody was told, and the errand stayed set aside under nothing until a later request ended
        assertThat(engine.endIfExpired(engine.look(key)).map(BotReply::text)).hasValue("Frågorna i det vi höll på med finns inte längre, så jag har "
                + "avslutat det. Inget skickades.\n\nNu fortsätter vi där du slutade – Ärende.\n\nVem gäller det?");
        assertThat(store.template().findById("unanswered:" + run, Document.class, "notes")).containsEntry("why", "FLOW_GONE");
        assertThat(say(key, "Enhetschefer i Bromma")).contains("När behövs det?");
    }

    @Test
    void aNewQuestionAfterOneWhoseFlowNameWasRemovedSaysTheErrandStillWaits() {
        ConversationKey key = new ConversationKey("test", "aside-nameless-second");
        String run = questionNamelessOverTheErrand(key);

        String second = engine.start(key, "question", Map.of("analyst", "Bo", "question", "Vilken enhet?"), Map.of()).text();
        assertThat(second).as("helper 114").startsWith("(Din påbörjade konversation – Ärende – väntar fortfarande.)\n\nBo undrar: Vilken enhet?");
        assertThat(say(key, "Enhet 3")).endsWith("Nu fortsätter vi där du slutade – Ärende.\n\nVem gäller det?");
        assertThat(store.template().findById("unanswered:" + run, Document.class, "notes")).as("the first one's analyst is told")
                .containsEntry("why", "FLOW_GONE");
    }

    @Test
    void aRunWhoseFlowNameWasRemovedByHandIsSaidEnded() {
        ConversationKey key = new ConversationKey("test", "flow-name-removed");
        errandBegun(key);
        changedByHand(key, new Document("$unset", new Document("flowId", "")));

        assertThat(say(key, "Enhetschefer")).as("helper 112: the menu came without a word")
                .startsWith("Frågorna i det vi höll på med finns inte längre, så jag har avslutat det. Inget skickades.");
        assertThat(stored(key).get("stepId")).isNull();
    }

    @Test
    void anAnswerToAQuestionWhoseStepNameIsGoneIsTakenAsTheAnswerToItsFirstQuestion() {
        ConversationKey key = new ConversationKey("test", "question-step-gone");
        engine.start(key, "question", QUESTION, Map.of());
        changedByHand(key, "stepId", "renamed-since");

        assertThat(say(key, "Ungefär 40 personer.")).as("helper 111's D8: the question was asked again and the answer lost")
                .isEqualTo("Tack, svaret är skickat.");
        assertThat(store.template().findAll(Document.class, "notes")).filteredOn(d -> "question".equals(d.getString("flow")))
                .anySatisfy(d -> assertThat(d.get("answers", Document.class)).containsEntry("answer", "Ungefär 40 personer."));

        ConversationKey errand = new ConversationKey("test", "errand-step-gone");
        errandBegun(errand);
        changedByHand(errand, "stepId", "renamed-since");
        assertThat(say(errand, "Enhetschefer")).as("with answers given, which question was asked is not known: begun again")
                .contains("Vad gäller det?");
    }

    @Test
    void aButtonOfTheFlowSetAsideIsNotTakenAsTheAnswerToTheBotsQuestion() {
        ConversationKey key = new ConversationKey("test", "aside-button");
        BotReply summary = errandAtItsSummary(key);
        assertThat(summary.text()).contains("Sammanfattning");
        assertThat(summary.choices()).extracting(ReplyChoice::question).as("each button names the summary it answers")
                .containsOnly(stored(key).getString("runId") + "/summary");
        engine.start(key, "question", QUESTION, Map.of());
        Map<String, Long> before = questionsUnanswered();

        // the summary's "Ja, skicka", clicked while the question is asked: neither the errand is sent nor "ja" answered
        BotReply clicked = engine.handle(engine.look(key), GUARD.check("ja"), Map.of(), "click-1", summary.choices().get(0).question());
        assertThat(clicked.text()).startsWith("Den knappen hör till en tidigare fråga, så jag tog den inte som svar.")
                .contains("Anna undrar: Hur många deltar?").doesNotContain("Ärendet sparat");
        assertThat(questionsUnanswered()).isEqualTo(before);
        assertThat(store.template().findAll(Document.class, "notes")).noneMatch(d -> d.get("answers", Document.class) != null
                && "ja".equals(d.get("answers", Document.class).getString("answer")));

        assertThat(say(key, "Ungefär 40.")).contains("Nu fortsätter vi där du slutade – Ärende.").contains("Sammanfattning");
        assertThat(engine.handle(engine.look(key), GUARD.check("ja"), Map.of(), "click-2", summary.choices().get(0).question()).text())
                .as("the same summary, asked again: its button answers it").contains("Ärendet sparat (3 svar).");
    }

    /** The person's errand with its three questions answered. @return its summary, with the buttons that answer it */
    private static BotReply errandAtItsSummary(ConversationKey key) {
        say(key, "ärende");
        say(key, "Stöd i en enkät");
        say(key, "Enhetschefer");
        return engine.handle(key, GUARD.check("I vår"));
    }

    /** A person who has answered the first of the errand's three questions, and then been asked the bot's question. */
    private static ConversationKey askedInTheMiddleOfAnErrand(String person) {
        ConversationKey key = new ConversationKey("test", person);
        say(key, "ärende");
        say(key, "Stöd i en enkät");
        engine.start(key, "question", QUESTION, Map.of());
        return key;
    }

    @Test
    void aButtonClickedWhenTheQuestionAboveIsGoneWorksWhenClickedAgain() {
        ConversationKey key = new ConversationKey("test", "aside-gone-button");
        BotReply summary = errandAtItsSummary(key);
        engine.start(key, "question", QUESTION, Map.of());
        changedByHand(key, new Document("$unset", new Document("flowId", "")));

        // the click lets the errand go on, its summary asked again with the same buttons
        BotReply resumed = engine.handle(engine.look(key), GUARD.check("ja"), Map.of(), "click-gone-1", summary.choices().get(0).question());
        assertThat(resumed.text()).contains("Nu fortsätter vi där du slutade – Ärende.").contains("Sammanfattning")
                .doesNotContain("Ärendet sparat");
        // helper 117: the same button again was taken for a double click, and nothing answered it
        assertThat(engine.handle(engine.look(key), GUARD.check("ja"), Map.of(), "click-gone-2", summary.choices().get(0).question()).text())
                .contains("Ärendet sparat (3 svar).");
        assertThat(engine.handle(engine.look(key), GUARD.check("ja"), Map.of(), "click-gone-3", summary.choices().get(0).question()).text())
                .as("a double click of the button that was taken says nothing").isEmpty();
    }

    @Test
    void cancellingTheQuestionResumesTheFlowSetAside() {
        ConversationKey key = askedInTheMiddleOfAnErrand("aside-2");

        Map<String, Long> before = questionsUnanswered();
        assertThat(say(key, "avbryt")).isEqualTo("Okej, jag har avbrutit frågan från FoU. Inget svar skickades.\n\nNu fortsätter vi där du slutade – Ärende.\n\n"
                + "Vem gäller det?");
        assertThat(questionsUnanswered()).as("whoever asked hears there will be no answer").isEqualTo(plusOne(before, "CANCELLED"));
        assertThat(say(key, "avbryt")).as("the person's own flow is theirs to cancel").startsWith("Okej, jag har avbrutit.")
                .doesNotContain("fortsätter");
        assertThat(stored(key).getString("flowId")).isNull();
    }

    @Test
    void askedAgainAfterHelpARestartOrALanguageSwitchTheQuestionSaysWhatItAsks() {
        ConversationKey key = askedInTheMiddleOfAnErrand("aside-6");
        Map<String, Long> before = questionsUnanswered();
        assertThat(say(key, "hjälp")).contains("Anna undrar: Hur många deltar?").endsWith("Skriv ditt svar här.");
        assertThat(say(key, "börja om")).as("the question begins again, not the errand set aside")
                .startsWith("Okej, här är frågan igen.\n\n(Din påbörjade konversation – Ärende – väntar fortfarande.)\n\n"
                        + "Anna undrar: Hur många deltar?").doesNotContain("från början");
        assertThat(questionsUnanswered()).as("asked again, not ended").isEqualTo(before);
        assertThat(say(key, "english")).contains("Anna asks: Hur många deltar?").endsWith("Write your answer here.");
        assertThat(say(key, "Tolv")).contains("Now let's go on where you left off – Errand.").endsWith("Who is it for?");
    }

    @Test
    void anAnswerWhoseRunAnAvbrytEndedMeanwhileStandsAndIsSaidToHaveGone() {
        // an outcome during which an "avbryt" of the same person wins the conversation's write, as one sent at the same
        // moment would: the answer has gone to whoever asked, so the person is told it went, not that nothing was sent
        java.util.concurrent.atomic.AtomicReference<ConversationEngine> racing = new java.util.concurrent.atomic.AtomicReference<>();
        RecordNotes notes = new RecordNotes(store.template());
        OutcomeAction racer = new OutcomeAction() {
            @Override
            public String name() {
                return "record-notes";
            }

            @Override
            public OutcomeResult run(OutcomeRequest request) {
                if ("question".equals(request.flowId())) {
                    racing.get().handle(request.key(), GUARD.check("avbryt"));
                }
                return notes.run(request);
            }
        };
        racing.set(AsideFlowsEngine.over(store.template(), clock, List.of(racer)));
        ConversationKey key = new ConversationKey("test", "aside-7");
        racing.get().start(key, "question", QUESTION, Map.of());

        assertThat(racing.get().handle(key, GUARD.check("Racesvar")).text()).isEqualTo("Tack, svaret är skickat.");
        assertThat(stored(key).getString("flowId")).as("the avbryt's write stands").isNull();
        assertThat(say(key, "hej")).as("the answer is not taken again").doesNotContain("Racesvar");
    }

    @Test
    void aQuestionLeftUnansweredPastTheTimeoutIsToldWithoutWaitingForThePersonToComeBack() {
        ConversationKey key = askedInTheMiddleOfAnErrand("aside-8");
        String run = stored(key).getString("runId");
        java.util.function.LongSupplier tells = () -> store.template().getCollection("tells").countDocuments(new Document("run", run));

        engine.tellIdleBotFlowsUnanswered();
        assertThat(tells.getAsLong()).as("not idle long enough yet").isZero();

        clock.advance(Duration.ofDays(8));
        assertThat(engine.tellIdleBotFlowsUnanswered()).isPositive();
        assertThat(store.template().findById("unanswered:" + run, Document.class, "notes").getString("why")).isEqualTo("EXPIRED");
        engine.tellIdleBotFlowsUnanswered();
        assertThat(tells.getAsLong()).as("the next sweep passes it over").isEqualTo(1);

        // the person is still told when they come back, and nothing of theirs is lost by the sweep before
        assertThat(say(key, "hej")).contains("En fråga till dig (Fråga från FoU) låg obesvarad i mer än 7 dagar och har stängts.")
                .contains("(Ärende) var inaktiv i mer än 7 dagar");
        assertThat(stored(key).getString("flowId")).isNull();
    }

    @Test
    void aSecondQuestionWhileTheFirstIsOpenStopsTheFirstAndTheFlowSetAsideStillWaits() {
        ConversationKey key = askedInTheMiddleOfAnErrand("aside-3");
        Map<String, Long> before = questionsUnanswered();

        String second = engine.start(key, "question", Map.of("analyst", "Bo", "question", "Vilken enhet?"), Map.of()).text();
        assertThat(second).startsWith("(Den förra frågan till dig har avbrutits, eftersom en ny har kommit.)\n\n"
                + "(Din påbörjade konversation – Ärende – väntar fortfarande.)\n\nBo undrar: Vilken enhet?").doesNotContain("börja om");
        assertThat(questionsUnanswered()).isEqualTo(plusOne(before, "REPLACED"));
        assertThat(say(key, "Enhet 3")).endsWith("Nu fortsätter vi där du slutade – Ärende.\n\nVem gäller det?");
        assertThat(questionsUnanswered()).as("the second was answered").isEqualTo(plusOne(before, "REPLACED"));
    }

    @Test
    void aQuestionToSomeoneWithNoFlowRunningSetsNothingAside() {
        ConversationKey key = new ConversationKey("test", "aside-4");
        assertThat(engine.start(key, "question", QUESTION, Map.of()).text()).startsWith("Anna undrar:");
        assertThat(say(key, "Tio")).isEqualTo("Tack, svaret är skickat.");
        assertThat(stored(key).getString("flowId")).isNull();

        // a question is not set aside for the next one: that one replaces it, and nothing comes back after
        engine.start(key, "question", QUESTION, Map.of());
        assertThat(engine.start(key, "question", Map.of("analyst", "Bo", "question", "Vilken enhet?"), Map.of()).text())
                .startsWith("(Den förra frågan till dig har avbrutits, eftersom en ny har kommit.)\n\nBo undrar: Vilken enhet?");
        assertThat(stored(key).get("paused")).isNull();
        assertThat(say(key, "Enhet 3")).isEqualTo("Tack, svaret är skickat.");
    }

    @Test
    void aFlowSetAsideEndsWithTheQuestionWhenBothHaveBeenIdleTooLong() {
        ConversationKey key = askedInTheMiddleOfAnErrand("aside-5");

        Map<String, Long> before = questionsUnanswered();
        clock.advance(Duration.ofDays(8));
        String late = say(key, "hej");
        assertThat(questionsUnanswered()).isEqualTo(plusOne(before, "EXPIRED"));
        assertThat(late).as("both are named").contains("En fråga till dig (Fråga från FoU) låg obesvarad i mer än 7 dagar och har stängts.")
                .contains("(Ärende) var inaktiv i mer än 7 dagar").doesNotContain("fortsätter vi");
        Document state = stored(key);
        assertThat(state.getString("flowId")).isNull();
        assertThat(state.get("paused")).isNull();
    }
}
