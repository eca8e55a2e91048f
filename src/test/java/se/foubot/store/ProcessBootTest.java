package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessBootTest {

    @TempDir
    Path dataDir;

    @Test
    void aProcessKnowsTheOneBeforeItOnTheDataDirectoryOnceThatOneHasLetGo() {
        ProcessBoot first = new ProcessBoot(dataDir);
        assertThat(first.previous()).isEmpty();
        assertThat(first.id()).matches("[0-9a-f]{12}");

        // while the first lives (holds the lock), a second on the same directory claims no predecessor
        ProcessBoot beside = new ProcessBoot(dataDir);
        assertThat(beside.previous()).isEmpty();

        first.release(); // as the operating system does when a process dies
        ProcessBoot next = new ProcessBoot(dataDir);
        assertThat(next.previous()).contains(first.id());
        assertThat(next.id()).isNotEqualTo(first.id());
        next.release();
    }

    @Test
    void aFileThatHoldsNoIdNamesNoPredecessor() throws Exception {
        Files.writeString(dataDir.resolve(ProcessBoot.FILE), "#slack-inbox-x\n../../etc");
        ProcessBoot boot = new ProcessBoot(dataDir);
        assertThat(boot.previous()).isEmpty();
        boot.release();
        assertThat(new ProcessBoot(dataDir).previous()).contains(boot.id());
    }
}
