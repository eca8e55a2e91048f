package se.foubot.knowledgegaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.conversation.Language;
import se.foubot.language.TextAnalysis;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Texts;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.store.Leases;
import se.foubot.support.FouBotTest;
import se.foubot.support.OwnThreads;
import se.foubot.tasks.AuditLog;

/**
 * Two replicas given the same round opening in the same instant: each service below has its own per-process lock,
 * as two processes would, and they share the store.
 */
@FouBotTest
// the round it opens would be open for the classes after it that share the context (a transcript expects none)
@org.springframework.test.annotation.DirtiesContext
class KnowledgeGapOpeningReplicasTest {

    @Autowired
    KnowledgeGapService service;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Clock clock;
    @Autowired
    ZoneId zone;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    GapLists lists;
    @Autowired
    TextAnalysis analysis;
    @Autowired
    KnowledgeGapProperties properties;
    @Autowired
    Texts texts;
    @Autowired
    AuditLog audit;
    @Autowired
    Leases leases;
    @Autowired
    OutsideTextGuard guard;

    @Test
    void twoReplicasGivenTheSameOpeningAtOnceOpenOneRoundAndBothAnswerWithIt() throws Exception {
        KnowledgeGapService replica = new KnowledgeGapService(mongo, clock, zone, events, lists, analysis, properties, texts,
                audit, leases);
        int calls = 8;
        CyclicBarrier together = new CyclicBarrier(calls);
        List<CompletableFuture<KnowledgeGapService.Opened>> opening = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            KnowledgeGapService on = i % 2 == 0 ? service : replica;
            opening.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return on.open(2027, guard.check("Vi vill särskilt höra om det förebyggande arbetet."), LocalDate.of(2027, 3, 10),
                        Recipient.slack("UCOORD"), Language.SV);
            }, OwnThreads.EACH));
        }
        List<String> answered = new ArrayList<>();
        int first = 0;
        for (CompletableFuture<KnowledgeGapService.Opened> call : opening) {
            KnowledgeGapService.OpenedRound round = (KnowledgeGapService.OpenedRound) call.get();
            answered.add(round.round().id());
            first += round.again() ? 0 : 1;
        }
        assertThat(answered).containsOnly("kl-2027");
        assertThat(first).as("opened once, the others answered with it").isEqualTo(1);
        assertThat(mongo.count(Query.query(Criteria.where("year").is(2027)), Round.class)).isEqualTo(1);
        assertThat(leases.holder(KnowledgeGapService.OPENING_LEASE)).as("let go after each opening").isEmpty();

        // helper 104: the same words with a non-breaking space (Word, a web form) opened a round of their own
        KnowledgeGapService.OpenedRound nbsp = (KnowledgeGapService.OpenedRound) replica.open(2027,
                guard.check("Vi vill särskilt\u00a0höra om  det förebyggande arbetet. "), LocalDate.of(2027, 3, 10),
                Recipient.slack("UCOORD"), Language.SV);
        assertThat(nbsp.again()).isTrue();
        assertThat(nbsp.round().id()).isEqualTo("kl-2027");

        // helper 127: a kill -9 while the invitations were queued left three districts uninvited for good, and the
        // opening retried was answered as done. The retried opening, and the next start, queue what is missing
        Query invitations = Query.query(Criteria.where("_id").regex("^kg-invite:kl-2027:"));
        long all = mongo.count(invitations, "outbox");
        assertThat(all).isPositive();
        mongo.remove(Query.query(Criteria.where("_id").regex("^kg-invite:kl-2027:.*(sodermalm|ostermalm)")), "outbox");
        assertThat(mongo.count(invitations, "outbox")).isLessThan(all);
        service.open(2027, guard.check("Vi vill särskilt höra om det förebyggande arbetet."), LocalDate.of(2027, 3, 10),
                Recipient.slack("UCOORD"), Language.SV);
        assertThat(mongo.count(invitations, "outbox")).as("queued by the retried opening").isEqualTo(all);
        mongo.remove(Query.query(Criteria.where("_id").regex("^kg-invite:kl-2027:.*(sodermalm|ostermalm)")), "outbox");
        invitations().finishInvitations();
        assertThat(mongo.count(invitations, "outbox")).as("queued at the next start").isEqualTo(all);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    private KnowledgeGapInvitations invitations() {
        return context.getBean(KnowledgeGapInvitations.class);
    }
}
