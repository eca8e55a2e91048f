package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import se.foubot.FouBotApplication;
import se.foubot.support.EmbeddedStoreFixture;

/**
 * A store file that cannot be read as a whole stops the start with one line naming the file and the way to restore,
 * and is left byte for byte as it was; a file another process has open is told apart from a damaged one.
 */
@ExtendWith(OutputCaptureExtension.class)
class DamagedStoreFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileCutToHalfItsSizeIsRefusedAndLeftAsItWas() throws IOException {
        Path file = storeWithRequests(dir, 3000);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        String before = StoreBackup.sha256Of(file);

        assertThatThrownBy(() -> EmbeddedMongoStore.start(dir, 0)).isInstanceOfSatisfying(StoreFileProblem.class, e -> {
            assertThat(e.inUse()).isFalse();
            assertThat(e.getMessage()).contains(file.toString()).contains("damaged").contains("store restore")
                    .doesNotContain("\n");
            readsAsPlainWords(e);
        });
        assertThat(StoreBackup.sha256Of(file)).isEqualTo(before);
    }

    @Test
    void aFileCutAnywhereInItsLastPartIsRefused() throws IOException {
        Path file = storeWithRequests(dir, 3000);
        byte[] whole = Files.readAllBytes(file);
        // cut at ten places in the last tenth of the file, one block apart and at odd offsets
        for (int i = 1; i <= 10; i++) {
            int cut = whole.length - i * 4096 - 77 * i;
            Path copy = Files.createDirectories(dir.resolve("cut-" + i)).resolve(EmbeddedMongoStore.FILE_NAME);
            Files.write(copy, java.util.Arrays.copyOf(whole, cut));
            String before = StoreBackup.sha256Of(copy);
            assertThatThrownBy(() -> EmbeddedMongoStore.start(copy.getParent(), 0)).as("cut at %d of %d", cut, whole.length)
                    .isInstanceOfSatisfying(StoreFileProblem.class, e -> {
                        assertThat(e.inUse()).isFalse();
                        readsAsPlainWords(e);
                    });
            assertThat(StoreBackup.sha256Of(copy)).isEqualTo(before);
        }
    }

    /** Java's object names (sun.nio.ch.FileChannelImpl@7ea07516) and raw byte arrays mean nothing to an operator. */
    private static void readsAsPlainWords(StoreFileProblem e) {
        assertThat(e.getMessage()).doesNotContainPattern("[A-Za-z]@[0-9a-f]{4,}").doesNotContainPattern("(-?\\d+, ){8}");
    }

    @Test
    void aZeroedHeaderIsCalledDamagedNotInUse() throws IOException {
        Path file = storeWithRequests(dir, 500);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(2 * 4096), 0);
        }
        String before = StoreBackup.sha256Of(file);

        assertThatThrownBy(() -> EmbeddedMongoStore.start(dir, 0)).isInstanceOfSatisfying(StoreFileProblem.class, e -> {
            assertThat(e.inUse()).isFalse();
            assertThat(e.getMessage()).contains(file.toString()).contains("damaged").doesNotContain("another");
        });
        assertThat(StoreBackup.sha256Of(file)).isEqualTo(before);
    }

    @Test
    void bytesChangedInsideTheDataAreFound() throws IOException {
        Path file = storeWithRequests(dir, 3000);
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // a run of garbage in the middle, where the documents are
            channel.write(ByteBuffer.wrap("x".repeat(300).getBytes()), size / 2);
        }
        String before = StoreBackup.sha256Of(file);

        assertThatThrownBy(() -> EmbeddedMongoStore.start(dir, 0)).isInstanceOfSatisfying(StoreFileProblem.class, e -> {
            assertThat(e.inUse()).isFalse();
            readsAsPlainWords(e);
        });
        assertThat(StoreBackup.sha256Of(file)).isEqualTo(before);
    }

    @Test
    void aFileAnotherStoreHasOpenIsInUseNotDamaged() {
        try (EmbeddedMongoStore running = EmbeddedMongoStore.start(dir, 0)) {
            assertThatThrownBy(() -> EmbeddedMongoStore.start(dir, 0)).isInstanceOfSatisfying(StoreFileProblem.class, e -> {
                assertThat(e.inUse()).isTrue();
                assertThat(e.getMessage()).contains("in use by another process").doesNotContain("damaged");
            });
        }
    }

    @Test
    void anIntactFileOpensWithEverythingInIt() {
        storeWithRequests(dir, 3000);
        try (EmbeddedStoreFixture store = new EmbeddedStoreFixture(dir)) {
            assertThat(store.template().getCollection("requests").countDocuments()).isEqualTo(3000);
        }
    }

    @Test
    void theBotStopsWithTheOneLineAndNoStackTrace(CapturedOutput output) throws IOException {
        Path file = storeWithRequests(dir, 500);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        assertThatThrownBy(() -> FouBotApplication.commandLineApplication().run("--foubot.store.data-dir=" + dir))
                .hasRootCauseInstanceOf(StoreFileProblem.class);
        assertThat(output.getOut()).contains("The store file " + file + " is damaged").contains("store restore")
                .doesNotContain("\tat se.foubot");
    }

    /** A store with {@code n} request-like documents in two collections, closed. */
    static Path storeWithRequests(Path dir, int n) {
        try (EmbeddedStoreFixture store = new EmbeddedStoreFixture(dir)) {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                docs.add(new Document("_id", "FOU-2027-" + i).append("district", "Farsta").append("text",
                        "Vi behöver en uppföljningsmall för vårt nya arbetssätt, förfrågan nummer " + i));
                if (docs.size() == 100) {
                    store.template().getCollection("requests").insertMany(docs);
                    docs.clear();
                }
            }
            if (!docs.isEmpty()) {
                store.template().getCollection("requests").insertMany(docs);
            }
            store.template().getCollection("counters").insertOne(new Document("_id", "seq").append("n", n));
        }
        return dir.resolve(EmbeddedMongoStore.FILE_NAME);
    }
}
