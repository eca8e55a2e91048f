package se.foubot.store;

import java.util.function.Function;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;

/**
 * Writes that do not wait for the disk themselves because a durable write of the same piece of work follows them and
 * carries them there: the store commits in order, so the commit that makes the later write durable holds every write
 * answered before it (MongoDB's journal and its majority commit point advance in the same order). Such a write is
 * answered once it is applied ({@code w: 1, j: false}); the embedded store then answers without waiting for a commit.
 *
 * <p>Use it only where the same method goes on to a durable write before anything is told outside (a reply, a post, a
 * mail). A crash before that write loses the carried writes together with it — as if the work had not begun — or, when
 * another writer's commit took them meanwhile, leaves them without it, which must be harmless: a reference number
 * never given out, a place in the new-task limit counted for a task that was never made.
 */
public final class CarriedWrites {

    /** Applied, not yet journaled: the durable write after it carries it to disk. */
    public static final WriteConcern CARRIED = new WriteConcern(1).withJournal(false);

    private CarriedWrites() {
    }

    /** Runs {@code write} on {@code collection} with the carried write concern, MongoDB's errors translated as usual. */
    public static <T> T in(MongoTemplate mongo, String collection, Function<MongoCollection<Document>, T> write) {
        return mongo.execute(collection, c -> write.apply(c.withWriteConcern(CARRIED)));
    }

    /** Whether a command asks to be answered before its write is journaled ({@code writeConcern: {j: false}}). */
    static boolean carried(de.bwaldvogel.mongo.bson.Document command) {
        return command.get("writeConcern") instanceof de.bwaldvogel.mongo.bson.Document concern
                && Boolean.FALSE.equals(concern.get("j"));
    }
}
