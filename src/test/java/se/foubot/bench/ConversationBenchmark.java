package se.foubot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Conversation turns per second and latency on the embedded store, with 1 and 8 concurrent
 * conversations, next to the bare store operations a turn needs (read + conditional replace of one
 * document) measured in the same run; time from start to ready; resident memory after 1,000
 * conversations. Prints figures; asserts nothing about speed. Run: {@code mvn -B -ntp test -Pbench}.
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
        long t0 = System.nanoTime();
        try (ConfigurableApplicationContext bot = new SpringApplication(FouBotApplication.class).run(
                "--server.port=0", "--foubot.store.data-dir=" + data, "--logging.level.root=WARN")) {
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            ConversationEngine engine = bot.getBean(ConversationEngine.class);
            MongoTemplate mongo = bot.getBean(MongoTemplate.class);

            warmUp(engine, mongo);

            System.out.println();
            System.out.println("== fou-bot conversation benchmark (embedded store, " + Runtime.getRuntime().availableProcessors()
                    + " cores) ==");
            Figures.Run bare1 = Figures.measure("bare store op (read + cond. replace), 1", 1, w -> bare(mongo, w, 4000));
            Figures.Run turns1 = Figures.measure("conversation turn, 1 conversation", 1, w -> turns(engine, "c1", w, 360));
            Figures.Run bare8 = Figures.measure("bare store op (read + cond. replace), 8", 8, w -> bare(mongo, w, 1000));
            Figures.Run turns8 = Figures.measure("conversation turn, 8 conversations", 8, w -> turns(engine, "c8", w, 90));
            Figures.Run answers8 = Figures.measure("  of which answers (no outcome), 8", 8,
                    w -> turns(engine, "a8", w, 90, false));
            Figures.Run confirms8 = Figures.measure("  of which confirmations (store request), 8", 8,
                    w -> turns(engine, "f8", w, 90, true));
            for (Figures.Run r : List.of(bare1, turns1, bare8, turns8, answers8, confirms8)) {
                System.out.println(r.row());
            }
            System.out.printf("turn / bare store op (p50): 1 conversation %.2f×, 8 conversations %.2f×  (target ≤ 2×: %s)%n",
                    turns1.p50() / bare1.p50(), turns8.p50() / bare8.p50(),
                    Figures.verdict(turns1.p50() <= 2 * bare1.p50() && turns8.p50() <= 2 * bare8.p50()));
            System.out.printf("turns/s target ≥ 500: %s; p99 target ≤ 20 ms: %s%n",
                    Figures.verdict(turns1.perSecond() >= 500 && turns8.perSecond() >= 500),
                    Figures.verdict(turns1.p99() <= 20 && turns8.p99() <= 20));
            System.out.printf("start to ready: %.2f s (target ≤ 8 s: %s)%n", startSeconds, Figures.verdict(startSeconds <= 8));

            long conversations = mongo.count(new Query(), "conversations");
            System.gc();
            System.out.printf("resident memory after %d conversations: %d MiB (heap used %d MiB)%n", conversations,
                    Figures.residentMemoryMib(),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
            System.out.println();
        }
    }

    private static void warmUp(ConversationEngine engine, MongoTemplate mongo) throws Exception {
        Figures.measure("warm-up", 2, w -> turns(engine, "warm", w, 120));
        Figures.measure("warm-up", 2, w -> bare(mongo, w, 1000));
    }

    /** Whole intakes, one person after another, so every turn is a real read + write of a conversation. */
    private static long[] turns(ConversationEngine engine, String run, int worker, int conversations) {
        long[] latencies = new long[conversations * INTAKE.size()];
        int i = 0;
        for (int c = 0; c < conversations; c++) {
            ConversationKey key = new ConversationKey("bench", run + "-" + worker + "-" + c);
            for (String message : INTAKE) {
                long start = System.nanoTime();
                engine.handle(key, GUARD.check(message));
                latencies[i++] = System.nanoTime() - start;
            }
        }
        return latencies;
    }

    /** Whole intakes, timing only the confirmations (true) or only the other turns (false). */
    private static long[] turns(ConversationEngine engine, String run, int worker, int conversations, boolean confirms) {
        int confirm = INTAKE.size() - 2;
        long[] latencies = new long[conversations * (confirms ? 1 : INTAKE.size() - 1)];
        int i = 0;
        for (int c = 0; c < conversations; c++) {
            ConversationKey key = new ConversationKey("bench", run + "-" + worker + "-" + c);
            for (int m = 0; m < INTAKE.size(); m++) {
                long start = System.nanoTime();
                engine.handle(key, GUARD.check(INTAKE.get(m)));
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
