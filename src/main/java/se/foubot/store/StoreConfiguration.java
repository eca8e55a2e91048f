package se.foubot.store;

import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    /** Started only when no external MongoDB is configured. */
    @Bean(destroyMethod = "close")
    @Lazy
    EmbeddedMongoStore embeddedMongoStore(StoreProperties properties) {
        return EmbeddedMongoStore.start(properties.dataDir(), properties.embeddedPort());
    }

    /**
     * Spring Boot's disk health, for the disk the bot writes to (the data directory: the store's file, the ack journal)
     * instead of the directory it was started from: a full data disk stops every write while the health said UP.
     */
    @Bean(name = "diskSpaceHealthIndicator")
    org.springframework.boot.health.application.DiskSpaceHealthIndicator diskSpaceHealthIndicator(StoreProperties properties) {
        return new org.springframework.boot.health.application.DiskSpaceHealthIndicator(properties.dataDir().toFile(),
                org.springframework.util.unit.DataSize.ofMegabytes(10));
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(StoreProperties properties,
            ObjectProvider<EmbeddedMongoStore> embedded) {
        ConnectionString connection = properties.embedded()
                ? new ConnectionString(embedded.getObject().connectionString(properties.database()))
                : withDefaultDatabase(properties.mongodbUri(), properties.database());
        return () -> connection;
    }

    /**
     * What the embedded store writes to the disk, as counters: {@code foubot_store_commits_total} (each forced to disk,
     * one fsync) and {@code foubot_store_written_bytes_total}. None with an external MongoDB, which has its own.
     */
    @Bean
    MeterBinder embeddedStoreMetrics(StoreProperties properties, ObjectProvider<EmbeddedMongoStore> embedded) {
        return registry -> {
            if (!properties.embedded()) {
                return;
            }
            EmbeddedMongoStore store = embedded.getObject();
            FunctionCounter.builder("foubot.store.commits", store, s -> s.writes().commits())
                    .description("commits of the embedded store forced to disk").register(registry);
            FunctionCounter.builder("foubot.store.written", store, s -> s.writes().bytes()).baseUnit("bytes")
                    .description("bytes the embedded store wrote to its file").register(registry);
        };
    }

    /** Short timeouts: an unreachable MongoDB should be reported within seconds, not after the driver's 30 s. */
    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeouts(StoreProperties properties) {
        long millis = properties.connectTimeout().toMillis();
        return builder -> builder
                .applyToClusterSettings(c -> c.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) millis, TimeUnit.MILLISECONDS));
    }

    /**
     * On a real MongoDB a write is acknowledged once a majority of the replica set has it in its journal, so an
     * acknowledged write survives a crash and the loss of the primary; a URI that names {@code w} or {@code journal}
     * keeps its own. (The embedded store forces every commit to disk before it answers, whatever is asked.)
     */
    @Bean
    MongoClientSettingsBuilderCustomizer durableWrites(StoreProperties properties) {
        WriteConcern fromUri = properties.embedded() ? null : connectionString(properties.mongodbUri()).getWriteConcern();
        return builder -> {
            if (!properties.embedded() && fromUri == null) {
                builder.writeConcern(WriteConcern.MAJORITY.withJournal(true));
            }
        };
    }

    /** The URI read as MongoDB's driver reads it; one it refuses stops the start naming the setting (never its value). */
    private static ConnectionString connectionString(String uri) {
        try {
            return new ConnectionString(uri);
        } catch (IllegalArgumentException refused) {
            throw new se.foubot.settings.SettingProblem("FOUBOT_MONGODB_URI is not a MongoDB connection string.",
                    "Write it as mongodb://USER:PASSWORD@HOST:27017/foubot (or mongodb+srv://…), or leave it empty for the "
                            + "embedded store, and start again.");
        }
    }

    private static ConnectionString withDefaultDatabase(String uri, String database) {
        ConnectionString given = connectionString(uri);
        if (given.getDatabase() != null) {
            return given;
        }
        int query = uri.indexOf('?');
        String base = query < 0 ? uri : uri.substring(0, query);
        String params = query < 0 ? "" : uri.substring(query);
        int hostsStart = base.indexOf("://") + 3;
        String withSlash = base.indexOf('/', hostsStart) < 0 ? base + "/" : base;
        return new ConnectionString(withSlash + database + params);
    }
}
