package se.foubot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.FouBotApplication;
import se.foubot.conversation.ConversationKey;
import se.foubot.messaging.MessageRouter;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Conversation turns per second and latency on the embedded store, with 1 and 8 concurrent
 * conversations, next to the bare store operations a turn needs (read + conditional replace of one
 * document) measured in the same rounds; resident memory after the conversations. A warm-up, then
 * {@code foubot.bench.rounds} rounds; prints median (min–max) over the rounds. Prints figures; asserts nothing about speed. Run: {@code mvn -B -ntp test -Pbench}.
 */
@Tag("benchmark")
class ConversationBenchmark {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    /** One whole intake: 11 turns, the last one stores the request. */
    private static final List<String> INTAKE = List.of("stöd", "hagersten", "verksamhetsutvecklare",
            "Vi behöver en uppföljningsmall för vårt nya arbetssätt.", "ja", "Min ekonomi", "uppföljning", "15 mars",
            "anna@stockholm.se", "ja", "hej");

    @Test
    void conversationTurns() throws Exception {
        Path data = Files.createTempDirectory("foubot-bench");
        try (ConfigurableApplicationContext bot = new SpringApplication(FouBotApplication.class).run(
                "--server.port=0", "--foubot.store.data-dir=" + data, "--logging.level.root=WARN")) {
            // what every channel calls with a person's line: the command table or the conversation
            MessageRouter engine = bot.getBean(MessageRouter.class);
            MongoTemplate mongo = bot.getBean(MongoTemplate.class);

            int[] warm = {0};
            String warmUp = Figures.warmUp(1, 8, () -> {
                Figures.measure("warm-up", 2, w -> turns(engine, "warm" + warm[0]++, w, 120));
                Figures.measure("warm-up", 2, w -> bare(mongo, w, 1000));
            });

            List<Figures.Run> bare1 = new ArrayList<>();
            List<Figures.Run> turns1 = new ArrayList<>();
            List<Figures.Run> bare8 = new ArrayList<>();
            List<Figures.Run> turns8 = new ArrayList<>();
            List<Figures.Run> answers8 = new ArrayList<>();
            List<Figures.Run> confirms8 = new ArrayList<>();
            // each round measures the product right after its baseline, so both see the same machine
            for (int round = 0; round < Figures.rounds(); round++) {
                String r = "r" + round;
                bare1.add(Figures.measure("bare", 1, w -> bare(mongo, w, 1500)));
                turns1.add(Figures.measure("turns", 1, w -> turns(engine, r + "c1", w, 120)));
                bare8.add(Figures.measure("bare", 8, w -> bare(mongo, w, 400)));
                turns8.add(Figures.measure("turns", 8, w -> turns(engine, r + "c8", w, 30)));
                answers8.add(Figures.measure("answers", 8, w -> turns(engine, r + "a8", w, 30, false)));
                confirms8.add(Figures.measure("confirmations", 8, w -> turns(engine, r + "f8", w, 30, true)));
            }
            System.out.println();
            System.out.println("== fou-bot conversation benchmark (embedded store, " + Figures.machine() + "); median (min–max) ==");
            System.out.println(warmUp);
            System.out.println(Figures.row("bare store op (read + cond. replace), 1", bare1));
            System.out.println(Figures.row("conversation turn, 1 conversation", turns1));
            System.out.println(Figures.row("bare store op (read + cond. replace), 8", bare8));
            System.out.println(Figures.row("conversation turn, 8 conversations", turns8));
            System.out.println(Figures.row("  of which answers (no outcome), 8", answers8));
            System.out.println(Figures.row("  of which confirmations (store request), 8", confirms8));
            Figures.Spread ratio1 = Figures.ratio(turns1, bare1, Figures.Run::p50);
            Figures.Spread ratio8 = Figures.ratio(turns8, bare8, Figures.Run::p50);
            Figures.Spread p99 = Figures.Spread.of(turns8, Figures.Run::p99);
            System.out.printf("turn / bare store op (p50, per round): 1 conversation %s×, 8 conversations %s×  (target ≤ 2×: %s)%n",
                    ratio1.format("%.2f"), ratio8.format("%.2f"), Figures.verdict(ratio8.median() <= 2 && ratio1.median() <= 2));
            System.out.printf("turns/s target ≥ 500: %s; turn p99 with 8 conversations %s ms, target ≤ 20 ms: %s%n",
                    Figures.verdict(Figures.Spread.of(turns1, Figures.Run::perSecond).median() >= 500
                            && Figures.Spread.of(turns8, Figures.Run::perSecond).median() >= 500),
                    p99.format("%.2f"), Figures.verdict(p99.median() <= 20));
            System.out.println("(start to ready as a process: StartBenchmark)");

            long conversations = mongo.count(new Query(), "conversations");
            System.gc();
            System.out.printf("resident memory after %d conversations: %d MiB (heap used %d MiB)%n", conversations,
                    Figures.residentMemoryMib(),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
            System.out.println();
        }
    }

    /** Whole intakes, one person after another, so every turn is a real read + write of a conversation. */
    private static long[] turns(MessageRouter engine, String run, int worker, int conversations) {
        long[] latencies = new long[conversations * INTAKE.size()];
        int i = 0;
        for (int c = 0; c < conversations; c++) {
            ConversationKey key = new ConversationKey("slack", "U" + run + "-" + worker + "-" + c);
            Recipient from = Recipient.slack(key.person());
            for (String message : INTAKE) {
                long start = System.nanoTime();
                engine.route(key, from, GUARD.check(message), Map.of(), null);
                latencies[i++] = System.nanoTime() - start;
            }
        }
        return latencies;
    }

    /** Whole intakes, timing only the confirmations (true) or only the other turns (false). */
    private static long[] turns(MessageRouter engine, String run, int worker, int conversations, boolean confirms) {
        int confirm = INTAKE.size() - 2;
        long[] latencies = new long[conversations * (confirms ? 1 : INTAKE.size() - 1)];
        int i = 0;
        for (int c = 0; c < conversations; c++) {
            ConversationKey key = new ConversationKey("slack", "U" + run + "-" + worker + "-" + c);
            Recipient from = Recipient.slack(key.person());
            for (int m = 0; m < INTAKE.size(); m++) {
                long start = System.nanoTime();
                engine.route(key, from, GUARD.check(INTAKE.get(m)), Map.of(), null);
                if ((m == confirm) == confirms) {
                    latencies[i++] = System.nanoTime() - start;
                }
            }
        }
        return latencies;
    }

    /**
     * The store work of one turn with nothing else: read the document by id, replace it if its revision is
     * unchanged (the same unique revision key the conversation store uses).
     */
    private static long[] bare(MongoTemplate mongo, int worker, int operations) {
        String id = "bare-" + worker;
        mongo.indexOps("bench_bare").createIndex(new Index("rev", Sort.Direction.ASC).unique());
        mongo.getCollection("bench_bare").deleteOne(new Document("_id", id));
        mongo.insert(new Document("_id", id).append("version", 0L).append("rev", id + "#0")
                .append("answers", new Document()), "bench_bare");
        long[] latencies = new long[operations];
        for (int i = 0; i < operations; i++) {
            long start = System.nanoTime();
            Document d = mongo.findById(id, Document.class, "bench_bare");
            long version = d.getLong("version");
            d.put("version", version + 1);
            d.put("rev", id + "#" + (version + 1));
            ((Document) d.get("answers")).put("a" + (i % 10), "svar " + i);
            mongo.getCollection("bench_bare").replaceOne(new Document("rev", id + "#" + version), d);
            latencies[i] = System.nanoTime() - start;
        }
        return latencies;
    }
}
