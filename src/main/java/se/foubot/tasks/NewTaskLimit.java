package se.foubot.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import se.foubot.store.CarriedWrites;

/**
 * The limit on new tasks per sender and channel, decided in MongoDB so it holds across replicas: one document per
 * sender keeps the times of their recent new tasks and a version; a new task is allowed by a compare-and-set on that
 * version, so of two replicas taking the last place at once exactly one wins. The window slides: a place comes back
 * an hour (the window) after the task that took it. {@code lastAt} is the newest take: a document whose
 * {@code lastAt} is older than the window says nothing any more and may be deleted.
 */
@Component
public class NewTaskLimit {

    static final String COLLECTION = "task_limits";
    private static final int RACES = 50;

    /** A sender at the limit, for the admin API. */
    public record AtLimit(String channel, String sender, int newTasksInWindow, Instant freeAgainAt) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final TaskLimitProperties properties;

    NewTaskLimit(MongoTemplate mongo, Clock clock, TaskLimitProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
    }

    public TaskLimitProperties settings() {
        return properties;
    }

    /**
     * Takes a place for one new task of {@code person} in {@code channel}, or throws {@link NewTaskLimitReached}. The
     * write is carried ({@link CarriedWrites}): the task's own insert, which follows, takes it to disk. A task of the
     * same {@code source} that took a place in the window has it already: two clicks on one button, racing, make one
     * task (the task's insert decides which) and count once, and the second is never told the limit is reached by the
     * place the first one took.
     *
     * @return true when {@code source} had taken its place already (nothing more is taken)
     */
    boolean take(String channel, String person, String source) {
        String id = channel + ":" + person;
        for (int race = 0; race < RACES; race++) {
            Instant now = clock.instant();
            Document d = mongo.findById(id, Document.class, COLLECTION);
            List<Date> recent = d == null ? new ArrayList<>() : recent(d, now);
            List<Document> sources = d == null ? new ArrayList<>() : recentSources(d, now);
            if (sources.stream().anyMatch(s -> source.equals(s.getString("source")))) {
                return true;
            }
            if (recent.size() >= properties.newPerSender()) {
                throw new NewTaskLimitReached(properties.newPerSender(),
                        recent.stream().min(Comparator.naturalOrder()).orElseThrow().toInstant().plus(properties.window()));
            }
            recent.add(Date.from(now));
            sources.add(new Document("source", source).append("at", Date.from(now)));
            if (d == null) {
                Document first = new Document("_id", id).append("channel", channel).append("sender", person)
                        .append("times", recent).append("sources", sources).append("lastAt", Date.from(now)).append("version", 1L);
                try {
                    CarriedWrites.in(mongo, COLLECTION, c -> c.insertOne(first));
                    return false;
                } catch (DuplicateKeyException anotherReplicaWasFirst) {
                    continue;
                }
            }
            long version = d.get("version", Number.class).longValue();
            if (CarriedWrites.in(mongo, COLLECTION, c -> c.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", version)),
                    Updates.combine(Updates.set("times", recent), Updates.set("sources", sources), Updates.set("lastAt", Date.from(now)),
                            Updates.set("version", version + 1))))
                    .getMatchedCount() == 1) {
                return false;
            }
        }
        throw new IllegalStateException("new-task limit of " + id + " kept changing under " + RACES + " attempts");
    }

    /** The limit as {@link #take} would meet it now, without taking a place; empty while there is one. */
    Optional<NewTaskLimitReached> reached(String channel, String person) {
        Instant now = clock.instant();
        Document d = mongo.findById(channel + ":" + person, Document.class, COLLECTION);
        List<Date> recent = d == null ? List.of() : recent(d, now);
        return recent.size() < properties.newPerSender() ? Optional.empty()
                : Optional.of(new NewTaskLimitReached(properties.newPerSender(),
                        recent.stream().min(Comparator.naturalOrder()).orElseThrow().toInstant().plus(properties.window())));
    }

    /** Senders who cannot start another task now. */
    public List<AtLimit> atLimit() {
        Instant now = clock.instant();
        List<AtLimit> out = new ArrayList<>();
        for (Document d : mongo.findAll(Document.class, COLLECTION)) {
            List<Date> recent = recent(d, now);
            if (recent.size() >= properties.newPerSender()) {
                out.add(new AtLimit(d.getString("channel"), d.getString("sender"), recent.size(),
                        recent.stream().min(Comparator.naturalOrder()).orElseThrow().toInstant().plus(properties.window())));
            }
        }
        return out;
    }

    /** How many new tasks {@code person} started in the window. */
    public int inWindow(String channel, String person) {
        return Optional.ofNullable(mongo.findById(channel + ":" + person, Document.class, COLLECTION))
                .map(d -> recent(d, clock.instant()).size()).orElse(0);
    }

    /** Which tasks took the places in the window (a document written before this was kept has none). */
    private List<Document> recentSources(Document d, Instant now) {
        Date since = Date.from(now.minus(properties.window()));
        List<Document> out = new ArrayList<>();
        for (Document s : d.getList("sources", Document.class, List.of())) {
            if (s.getDate("at") != null && s.getDate("at").after(since)) {
                out.add(s);
            }
        }
        return out;
    }

    private List<Date> recent(Document d, Instant now) {
        Date since = Date.from(now.minus(properties.window()));
        List<Date> out = new ArrayList<>();
        for (Date t : d.getList("times", Date.class, List.of())) {
            if (t.after(since)) {
                out.add(t);
            }
        }
        return out;
    }
}
