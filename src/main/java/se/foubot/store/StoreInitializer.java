package se.foubot.store;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import se.foubot.privacy.LogText;

import com.mongodb.MongoException;

/**
 * Ensures every feature's indexes at start-up. When MongoDB cannot be reached it says so in one log line
 * and keeps trying in the background instead of failing start-up with a wall of stack traces.
 */
@Component
class StoreInitializer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoreInitializer.class);

    private final MongoTemplate mongo;
    private final List<StoreIndexes> indexes;
    private final StoreProperties properties;
    private ScheduledExecutorService retries;
    private volatile boolean toldUnreachable;
    private volatile boolean running;

    StoreInitializer(MongoTemplate mongo, List<StoreIndexes> indexes, StoreProperties properties) {
        this.mongo = mongo;
        this.indexes = indexes;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        if (tryEnsure()) {
            return;
        }
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-init");
            t.setDaemon(true);
            return t;
        });
        long every = properties.retryInterval().toMillis();
        retries.scheduleWithFixedDelay(() -> {
            if (tryEnsure()) {
                retries.shutdown();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private boolean tryEnsure() {
        try {
            indexes.forEach(i -> i.ensure(mongo));
            if (toldUnreachable) {
                log.info("event=store_reachable again=true indexes_ensured={}", indexes.size());
            } else {
                log.info("event=store_ready indexes_ensured={}", indexes.size());
            }
            return true;
        } catch (DataAccessException | MongoException e) {
            if (!toldUnreachable) {
                toldUnreachable = true;
                log.warn("event=store_unreachable target={} reason=\"{}\" retry_every_ms={}", target(),
                        rootMessage(e), properties.retryInterval().toMillis());
            }
            return false;
        }
    }

    private String target() {
        return properties.embedded() ? "embedded" : redact(properties.mongodbUri());
    }

    /** Connection strings may carry a password; never log it. */
    static String redact(String uri) {
        return uri.replaceAll("://[^@/]*@", "://***@");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return LogText.clean(message.lines().findFirst().orElse(""));
    }

    @Override
    public void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the channels start taking requests. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
