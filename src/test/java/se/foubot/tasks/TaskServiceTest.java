package se.foubot.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;
import se.foubot.support.OwnThreads;

/**
 * The task service on the real embedded store: a confirmed request becomes one task however often it is retried; of
 * analysts racing for a task exactly one gets it; every change is one line of history that says who did what, in
 * words without any channel's markup, and is announced once.
 */
@FouBotTest
@RecordApplicationEvents
class TaskServiceTest {

    private static final String SOURCE = "task-service-test:";
    private static final AtomicInteger SOURCES = new AtomicInteger();

    @Autowired
    TaskService tasks;

    @Autowired
    TaskCategories categories;

    @Autowired
    OutsideTextGuard guard;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEvents events;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    NewTaskLimit limit;

    @Autowired
    RequestCommands requestCommands;

    @Autowired
    RecordTaskAnswerOutcome recordAnswer;

    @Autowired
    QuestionTasks questions;

    @Autowired
    TaskDistrictTies ties;

    /** The bot's context is shared with other test classes: what these tests made is not left for them to find. */
    @AfterEach
    void removeTheTasksMadeHere() {
        mongo.remove(Query.query(Criteria.where("sourceKey").regex("^" + SOURCE)), SupportTask.class);
    }

    private SupportTask newTask(String person) {
        return tasks.create(SOURCE + SOURCES.incrementAndGet(), new Requester("email", person, Map.of()),
                new SupportRequest("farsta", "utvecklingsledare", "Vi vill följa upp vårt nya arbetssätt med en enkät",
                        "Nytt arbetssätt i hemtjänsten", "uppfoljning", LocalDate.of(2027, 3, 10), null, "sv"), List.of());
    }

    @Test
    void aQuestionForADistrictShowsTheDistrictButDoesNotMakeItsSenderOneOfTheDistrictsPeople() {
        // a reply to a district's knowledge-gap outcome is a question for that district; someone who answered for a
        // district they do not belong to gets that letter too, and asking about it must not show them all the district sent
        se.foubot.messaging.Recipient asker = se.foubot.messaging.Recipient.email("ola.utanfor@stockholm.se");
        SupportTask question = questions.handOver(SOURCE + "outcome-question", asker, "Varför blev det ”senare”?", "farsta",
                se.foubot.conversation.Language.SV);
        assertThat(question.request().isQuestion()).isTrue();
        assertThat(question.request().district()).isEqualTo("farsta");
        assertThat(ties.districtsOf(asker)).isEmpty();
        newTask("ola.utanfor@stockholm.se");
        assertThat(ties.districtsOf(asker)).as("a support request does tie them").containsExactly("farsta");
    }

    @Test
    void twoClicksRacingForTheLastNewTaskPlaceMakeOneTaskThatBothAreGivenAndThatCountsOnce() throws Exception {
        int max = limit.settings().newPerSender();
        SupportRequest question = new SupportRequest(null, null, "Hur fungerar det med pengar för resor?", null, "ovrigt", null,
                null, "sv");
        // several pairs: the two clicks meet in the store in a different order each time
        for (int pair = 0; pair < 8; pair++) {
            Requester person = new Requester("slack", "U0RACE" + pair, Map.of());
            for (int i = 0; i < max - 1; i++) {
                tasks.create(SOURCE + SOURCES.incrementAndGet(), person, question, List.of());
            }
            String button = SOURCE + "knowledge-question:" + pair;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<SupportTask>> clicks = new ArrayList<>();
            for (int click = 0; click < 2; click++) {
                clicks.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return tasks.create(button, person, question, List.of());
                }, OwnThreads.EACH));
            }
            go.countDown();

            SupportTask first = clicks.get(0).join();
            SupportTask second = clicks.get(1).join();
            assertThat(second.reference()).as("no \"limit reached\" for the click that lost").isEqualTo(first.reference());
            assertThat(mongo.count(Query.query(Criteria.where("sourceKey").is(button)), SupportTask.class)).isEqualTo(1);
            assertThat(limit.inWindow("slack", person.person())).as("the task counts once").isEqualTo(max);
        }
    }

    @Test
    void aConfirmationRetriedAfterATimeoutStillMakesOneTask() {
        Requester requester = new Requester("slack", "U0FARSTA1", Map.of());
        SupportRequest request = new SupportRequest("farsta", null, "Hjälp med en förändringsteori", null, "ansokan", null,
                null, "sv");

        SupportTask first = tasks.create(SOURCE + "slack:Ev0RETRY1", requester, request, List.of());
        SupportTask retried = tasks.create(SOURCE + "slack:Ev0RETRY1", requester, request, List.of());

        assertThat(retried.reference()).isEqualTo(first.reference()).matches("FOU-\\d{4}-\\d{4}");
        assertThat(first.status()).isEqualTo(TaskStatus.NEW);
        assertThat(first.category()).isEqualTo("ansokan");
        assertThat(events.stream(TaskChanged.class).filter(e -> e.task().reference().equals(first.reference()))).hasSize(1);
    }

    @Test
    void aConfirmationsOutcomeDoneAgainIsGivenItsTaskWithinTheLimitsWindowAfterItAndAtTheLimit() {
        Requester requester = new Requester("slack", "U0AGAIN1", Map.of());
        SupportRequest request = new SupportRequest("farsta", null, "Hjälp med en förändringsteori", null, "ansokan", null,
                null, "sv");
        String source = SOURCE + "run:again-1";

        SupportTask made = tasks.createInTurn(source, requester, request);
        assertThat(tasks.createInTurn(source, requester, request).reference()).as("within the window")
                .isEqualTo(made.reference());
        assertThat(limit.inWindow("slack", "U0AGAIN1")).as("the task counts once").isEqualTo(1);

        // the outcome done again after the window, by a person who has made as many tasks as allowed meanwhile
        clock.advance(limit.settings().window().plusMinutes(1));
        for (int i = 0; i < limit.settings().newPerSender(); i++) {
            tasks.create(SOURCE + SOURCES.incrementAndGet(), requester, request, List.of());
        }
        assertThat(tasks.newTaskLimitReached("slack", "U0AGAIN1")).isPresent();
        assertThat(tasks.createInTurn(source, requester, request).reference()).as("at the limit, after the window")
                .isEqualTo(made.reference());

        // and by one who has not: the insert's unique source finds it, and the reference taken for it goes back
        Requester other = new Requester("slack", "U0AGAIN2", Map.of());
        String otherSource = SOURCE + "run:again-2";
        SupportTask otherMade = tasks.createInTurn(otherSource, other, request);
        clock.advance(limit.settings().window().plusMinutes(1));
        assertThat(tasks.createInTurn(otherSource, other, request).reference()).as("after the window")
                .isEqualTo(otherMade.reference());
        SupportTask next = newTask("next@stockholm.se");
        assertThat(number(next.reference())).as("no number skipped").isEqualTo(number(otherMade.reference()) + 1);
        for (String each : List.of(source, otherSource)) {
            assertThat(mongo.count(Query.query(Criteria.where("sourceKey").is(each)), SupportTask.class)).isEqualTo(1);
        }
    }

    private static int number(String reference) {
        return Integer.parseInt(reference.substring(reference.lastIndexOf('-') + 1));
    }

    @Test
    void claimIsGrantedToExactlyOneOfEightRacingAnalysts() throws Exception {
        String reference = newTask("racing@stockholm.se").reference();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<TaskService.ClaimResult>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String analyst = "UANALYST" + i;
            claims.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return tasks.claim(reference, analyst);
            }, OwnThreads.EACH));
        }
        go.countDown();
        List<TaskService.ClaimResult> results = claims.stream().map(CompletableFuture::join).toList();

        assertThat(results).filteredOn(TaskService.Granted.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(TaskService.AlreadyClaimed.class::isInstance).hasSize(7);
        SupportTask task = tasks.find(reference).orElseThrow();
        assertThat(task.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(task.history()).filteredOn(e -> e.kind().equals("claimed")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(task.assignee()));
    }

    @Test
    void choosingTheStatusOrCategoryATaskHasAlreadyChangesNothingUnlessItConfirmsACategoryMarkedForTriage() {
        String reference = newTask("samma-val@stockholm.se").reference();
        tasks.claim(reference, "UANNA");
        assertThat(tasks.setStatus(reference, "UANNA", TaskStatus.DONE)).isPresent();
        java.time.Instant closedAt = tasks.find(reference).orElseThrow().closedAt();
        clock.advance(Duration.ofHours(1));
        assertThat(tasks.setStatus(reference, "UANNA", TaskStatus.DONE)).as("done already").isEmpty();
        assertThat(tasks.setCategory(reference, "UANNA", categories.byId("uppfoljning").orElseThrow())).as("its category already")
                .isEmpty();
        SupportTask unchanged = tasks.find(reference).orElseThrow();
        assertThat(unchanged.closedAt()).isEqualTo(closedAt);
        assertThat(unchanged.history()).extracting(TaskEvent::kind).containsExactly("created", "claimed", "status");

        // the sorter's category, confirmed by an analyst, is a change: the task leaves manual triage
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(reference)),
                org.springframework.data.mongodb.core.query.Update.update("needsTriage", true), SupportTask.class);
        assertThat(tasks.setCategory(reference, "UANNA", categories.byId("uppfoljning").orElseThrow())).isPresent();
        assertThat(tasks.find(reference).orElseThrow().needsTriage()).isFalse();
    }

    @Test
    void theHistorySaysWhoDidWhatInWordsWithoutSlackMarkup() {
        String reference = newTask("historik@stockholm.se").reference();

        tasks.claim(reference, "UANNA");
        clock.advance(Duration.ofMinutes(5));
        tasks.setStatus(reference, "UANNA", TaskStatus.IN_PROGRESS);
        tasks.setCategory(reference, "UANNA", categories.byId("utvardering").orElseThrow());
        tasks.question(reference, "UANNA", guard.check("Hur många enheter deltar?"));
        tasks.release(reference, "UANNA");

        SupportTask task = tasks.find(reference).orElseThrow();
        assertThat(task.history()).extracting(TaskEvent::kind)
                .containsExactly("created", "claimed", "status", "category", "question", "released");
        assertThat(task.history().subList(1, 6)).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("UANNA");
            assertThat(e.text()).doesNotContain("<@").doesNotContain("UANNA");
        });
        assertThat(task.history()).extracting(TaskEvent::text).contains("tog uppdraget", "satte status: Pågår",
                "ändrade kategori till " + categories.byId("utvardering").orElseThrow().label().sv(),
                "frågade beställaren: Hur många enheter deltar?", "släppte uppdraget");
        assertThat(task.category()).isEqualTo("utvardering");
        assertThat(task.needsTriage()).isFalse();
        assertThat(task.status()).isEqualTo(TaskStatus.NEW);
        assertThat(task.assignee()).isNull();
        assertThat(events.stream(TaskChanged.class).filter(e -> e.task().reference().equals(reference))).hasSize(6);
    }

    @Test
    void aQuestionsUnansweredNoteIsRecordedOnceAndNotAfterItsAnswer() {
        String reference = newTask("obesvarad@stockholm.se").reference();
        tasks.claim(reference, "UANNA");

        assertThat(tasks.unanswered(reference, "UREQ", "run-1", "Beställaren avbröt frågan ”A?” utan att svara.")).isPresent();
        assertThat(tasks.unanswered(reference, "UREQ", "run-1", "Beställaren avbröt frågan ”A?” utan att svara.")).as("once a run").isEmpty();
        // an answer sent at the same moment as "avbryt", recorded first: it stands, alone
        tasks.answer(reference, "UREQ", "run-2", "Ja.");
        assertThat(tasks.unanswered(reference, "UREQ", "run-2", "Beställaren avbröt frågan ”B?” utan att svara.")).isEmpty();

        assertThat(tasks.find(reference).orElseThrow().history()).extracting(TaskEvent::kind)
                .containsExactly("created", "claimed", "unanswered:run-1", "answer:run-2");
    }

    @Test
    void aQuestionOnATaskNobodyHasTakenRecordsNothing() {
        String reference = newTask("otagen@stockholm.se").reference();
        assertThat(tasks.question(reference, "UANNA", guard.check("Hur många?"))).isEmpty();
        assertThat(tasks.find(reference).orElseThrow().history()).extracting(TaskEvent::kind).containsExactly("created");
    }

    @Test
    void aStatusNeedsAClaimAndADoneTaskCannotBeReleased() {
        String reference = newTask("status@stockholm.se").reference();

        assertThat(tasks.setStatus(reference, "UBERIT", TaskStatus.DONE)).isEmpty();

        tasks.claim(reference, "UBERIT");
        clock.advance(Duration.ofHours(3));
        SupportTask done = tasks.setStatus(reference, "UBERIT", TaskStatus.DONE).orElseThrow();
        assertThat(done.closedAt()).isEqualTo(clock.instant());
        assertThat(tasks.release(reference, "UBERIT")).isEmpty();
        assertThat(tasks.find(reference).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aMailFromTheRequesterIsRecordedOnceHoweverOftenItIsProcessed() {
        String reference = newTask("svar@stockholm.se").reference();

        tasks.mailFromRequester(reference, "svar@stockholm.se", "mid:<a1@stockholm.se>", "Ungefär 40 deltagare");
        tasks.mailFromRequester(reference, "svar@stockholm.se", "mid:<a1@stockholm.se>", "Ungefär 40 deltagare");

        assertThat(tasks.find(reference).orElseThrow().history()).filteredOn(e -> e.kind().startsWith("mail:")).singleElement()
                .satisfies(e -> assertThat(e.text()).contains("Ungefär 40 deltagare"));
    }

    @Test
    void theNewestTasksCanBeListedByStatus() {
        String older = newTask("lista@stockholm.se").reference();
        clock.advance(Duration.ofMinutes(1));
        String newer = newTask("lista@stockholm.se").reference();
        tasks.claim(older, "ULISTA");

        List<String> newestFirst = tasks.newest(null, 1000).stream().map(SupportTask::reference).toList();
        assertThat(newestFirst).containsSubsequence(newer, older);
        assertThat(tasks.newest(null, 1)).hasSize(1);
        assertThat(tasks.newest(TaskStatus.CLAIMED, 1000)).extracting(SupportTask::reference).contains(older)
                .doesNotContain(newer);
    }

    @Test
    void aRequestsConcernIsListedOnOneLineAndAsADashWhenThereIsNone() {
        // a flow edited to ask no concern makes such tasks; helper 116 saw "null" in the person's status
        String person = "no-concern@stockholm.se";
        SupportTask task = newTask(person);
        mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", task.reference()),
                new org.bson.Document("$unset", new org.bson.Document("request.concern", "")));

        String status = requestCommands.handle(se.foubot.messaging.Inbound.chat(se.foubot.messaging.Recipient.email(person), "status",
                se.foubot.conversation.Language.SV)).orElseThrow().text();

        assertThat(status).contains("• " + task.reference() + " – – – Ny – ej tagen").doesNotContain("null");

        // helper 118: a mail's "Hej!" on a line of its own broke the list item in two
        mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", task.reference()),
                new org.bson.Document("$set", new org.bson.Document("request.concern", "Hej!\r\n\r\nVi behöver stöd\tmed en enkät.")));
        assertThat(requestCommands.handle(se.foubot.messaging.Inbound.chat(se.foubot.messaging.Recipient.email(person), "status",
                se.foubot.conversation.Language.SV)).orElseThrow().text())
                .contains("• " + task.reference() + " – Hej! Vi behöver stöd med en enkät. – Ny – ej tagen");
    }

    @Test
    void aTaskWhoseDateWasBrokenByHandIsLeftOutOfTheListsAndDoesNotFailTheOthers() {
        String person = "broken-dates@stockholm.se";
        SupportTask kept = newTask(person);
        SupportTask broken = newTask(person);
        tasks.claim(broken.reference(), "UANALYST1");
        tasks.setStatus(broken.reference(), "UANALYST1", TaskStatus.DONE);
        mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", broken.reference()), new org.bson.Document("$set",
                new org.bson.Document("closedAt", List.of(java.util.Date.from(clock.instant()))).append("staffPostStale", true)));

        // helper 112: the person's status and the staff channel's repost round failed on it, for every task
        assertThat(tasks.byRequester("email", person)).extracting(SupportTask::reference).containsExactly(kept.reference());
        assertThat(tasks.newest(null, 500)).extracting(SupportTask::reference).contains(kept.reference())
                .doesNotContain(broken.reference());

        // helper 114: a claim was written and then failed into the dead letters; now refused before the write
        SupportTask unclaimed = newTask(person);
        mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", unclaimed.reference()), new org.bson.Document("$set",
                new org.bson.Document("createdAt", "igår")));
        assertThat(tasks.claim(unclaimed.reference(), "UANALYST1")).isInstanceOf(TaskService.NoSuchTask.class);
        org.bson.Document stored = mongo.findById(unclaimed.reference(), org.bson.Document.class, "support_tasks");
        assertThat(stored).containsEntry("status", "NEW");
        assertThat(stored.get("assignee")).isNull();

        // helper 115: what the mapping reads but a change cannot go on with — a requester without its person, a history
        // written as text — failed after the write or into the dead letters
        for (org.bson.Document broke : List.of(new org.bson.Document("requester", new org.bson.Document("channel", "slack")),
                new org.bson.Document("requester", new org.bson.Document("channel", "slack").append("person", "")),
                new org.bson.Document("requester", new org.bson.Document("channel", "slack").append("person", "UDIST")),
                new org.bson.Document("history", "x"))) {
            SupportTask partial = newTask(person);
            mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", partial.reference()),
                    new org.bson.Document("$set", broke));
            assertThat(tasks.claim(partial.reference(), "UANALYST1")).as(broke.toJson()).isInstanceOf(TaskService.NoSuchTask.class);
            assertThat(mongo.findById(partial.reference(), org.bson.Document.class, "support_tasks")).containsEntry("status", "NEW");
            // helper 116: the requester's answer to a question on it was said saved, and lost
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.answer(partial.reference(), "UDIST", "run-1", "Ungefär 40"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anAnonymisedTaskIsNotReopenedOrChanged() {
        SupportTask task = newTask("gallrad@stockholm.se");
        tasks.claim(task.reference(), "UANALYST1");
        tasks.setStatus(task.reference(), "UANALYST1", TaskStatus.DONE);
        mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", task.reference()), new org.bson.Document("$set",
                new org.bson.Document("requester.person", SupportTask.ANONYMISED).append("request.concern", SupportTask.ANONYMISED)));

        // helper 114: its card's menu reopened it half-way (closedAt gone, the requester's notice failing)
        assertThat(tasks.setStatus(task.reference(), "UANALYST1", TaskStatus.IN_PROGRESS)).isEmpty();
        assertThat(tasks.release(task.reference(), "UANALYST1")).isEmpty();
        mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", task.reference()), new org.bson.Document("$set",
                new org.bson.Document("status", "NEW").append("assignee", null)));
        assertThat(tasks.claim(task.reference(), "UANALYST1")).as("helper 116: set back to Ny by hand, it was taken")
                .isInstanceOf(TaskService.AlreadyClaimed.class);
        mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", task.reference()), new org.bson.Document("$set",
                new org.bson.Document("status", "DONE").append("assignee", "UANALYST1")));
        assertThat(tasks.note(task.reference(), "UANALYST1", "question", "frågade beställaren: Finns det mer?"))
                .as("helper 115: a question's text was written back into its history").isEmpty();
        assertThat(tasks.find(task.reference()).orElseThrow()).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.DONE);
            assertThat(t.anonymised()).isTrue();
        });
    }

    @Test
    void anAnswerToAQuestionWhoseTaskWasAnonymisedMeanwhileIsNotSaidSaved() {
        SupportTask task = newTask("UASKED");
        tasks.claim(task.reference(), "UANALYST1");
        var asked = new se.foubot.conversation.OutcomeRequest(new se.foubot.conversation.ConversationKey("email", "UASKED"), "task-question",
                "run-asked", Map.of("answer", "Ungefär 40"), se.foubot.conversation.Language.SV, clock.instant(), Map.of(),
                Map.of("reference", task.reference()));
        assertThat(recordAnswer.run(asked).instead()).isNull();
        assertThat(recordAnswer.run(asked).instead()).as("the outcome done again: the answer is recorded, and said so").isNull();

        SupportTask other = newTask("UASKED");
        tasks.claim(other.reference(), "UANALYST1");
        tasks.setStatus(other.reference(), "UANALYST1", TaskStatus.DONE);
        mongo.getCollection("support_tasks").updateOne(new org.bson.Document("_id", other.reference()), new org.bson.Document("$set",
                new org.bson.Document("requester.person", SupportTask.ANONYMISED).append("request.concern", SupportTask.ANONYMISED)));
        var late = new se.foubot.conversation.OutcomeRequest(asked.key(), "task-question", "run-late", Map.of("answer", "Ungefär 40"),
                se.foubot.conversation.Language.SV, clock.instant(), Map.of(), Map.of("reference", other.reference()));

        // helper 117: "Tack! Ditt svar är skickat till FoU-utredaren och sparat på …", and the answer was dropped
        assertThat(recordAnswer.run(late).instead()).startsWith(other.reference() + " har avslutats och gallrats sedan frågan ställdes")
                .contains("inte sparats");
        assertThat(tasks.find(other.reference()).orElseThrow().history()).extracting(TaskEvent::kind).doesNotContain("answer:run-late");
    }
}
