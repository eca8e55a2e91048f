package se.foubot.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/** Counts the commands a MongoDB client sends, by name (what the store is asked to do, as it sees it). */
public final class CommandCounter implements CommandListener {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** A client to {@code connectionString} whose commands this counter counts. */
    public MongoClient client(String connectionString) {
        return MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(connectionString))
                .addCommandListener(this).build());
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        counts.computeIfAbsent(event.getCommandName(), n -> new AtomicInteger()).incrementAndGet();
    }

    /** How many of these commands were sent since the last {@link #reset()}. */
    public int count(String... commands) {
        int n = 0;
        for (String command : commands) {
            AtomicInteger c = counts.get(command);
            n += c == null ? 0 : c.get();
        }
        return n;
    }

    public void reset() {
        counts.clear();
    }
}
