package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;

/** Against a real MongoDB the bot writes with majority write concern and journaling, unless its URI says otherwise. */
class WriteConcernTest {

    private static WriteConcern settingsFor(String uri) {
        StoreProperties properties = new StoreProperties(uri, Path.of("data"), "foubot", 0, Duration.ofSeconds(5),
                Duration.ofSeconds(3));
        MongoClientSettings.Builder builder = MongoClientSettings.builder();
        if (!properties.embedded()) {
            builder.applyConnectionString(new ConnectionString(uri));
        }
        new StoreConfiguration().durableWrites(properties).customize(builder);
        return builder.build().getWriteConcern();
    }

    @Test
    void aReplicaSetUriWithoutAWriteConcernGetsMajorityAndJournal() {
        WriteConcern concern = settingsFor("mongodb://db1,db2,db3/foubot?replicaSet=rs0");
        assertThat(concern.getWString()).isEqualTo("majority");
        assertThat(concern.getJournal()).isTrue();
    }

    @Test
    void aUriThatNamesItsWriteConcernKeepsIt() {
        assertThat(settingsFor("mongodb://db1/foubot?w=1")).isEqualTo(WriteConcern.W1);
        assertThat(settingsFor("mongodb://db1/foubot?w=2&journal=false").getJournal()).isFalse();
    }
}
