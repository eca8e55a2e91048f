package se.foubot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-archive script ({@code ops/start/cds-archive.sh}) deletes nothing it did not make: an operator's slip
 * (DIR naming the jar's own folder, or a file) is refused before anything is touched, and a run that fails puts the
 * archive directory it found back, so a bot started from it still starts. Run as the operator runs it, by {@code sh};
 * the whole training run is StartBenchmark's.
 */
class ArchiveScriptTest {

    @TempDir
    Path dir;

    private record Run(int exit, String errors) {
    }

    private Run script(Path jar, Path archiveDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "ops/start/cds-archive.sh", jar.toString(), archiveDir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), errors);
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedAndKeepsThem() throws Exception {
        Path opt = Files.createDirectories(dir.resolve("opt"));
        Path jar = Files.writeString(opt.resolve("fou-bot.jar"), "not looked at");
        Files.writeString(opt.resolve("fou-bot.env"), "FOUBOT_ADMIN_TOKEN=secret");

        Run run = script(jar, opt);

        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).contains("holds files this script did not make");
        assertThat(opt.resolve("fou-bot.env")).hasContent("FOUBOT_ADMIN_TOKEN=secret");
        assertThat(jar).hasContent("not looked at");
    }

    /** A bot started with the archive's folder as its working directory keeps its store in ./data there. */
    @Test
    void anArchiveFolderThatAlsoHoldsAStoreIsRefusedAndKeepsIt() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("archive.args"), "-Xshare:auto\n");
        Path store = Files.writeString(Files.createDirectories(app.resolve("data")).resolve("foubot.mv"), "the store");

        Run run = script(Files.writeString(dir.resolve("fou-bot.jar"), "x"), app);

        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).contains("data, which this script did not make");
        assertThat(store).hasContent("the store");
    }

    @Test
    void aFolderHoldingOnlyTheOperatorsJarIsRefusedAndKeepsIt() throws Exception {
        Path opt = Files.createDirectories(dir.resolve("opt"));
        Path jar = Files.writeString(opt.resolve("fou-bot.jar"), "the only copy");

        Run run = script(jar, opt);

        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).contains("holds files this script did not make");
        assertThat(jar).hasContent("the only copy");
    }

    @Test
    void aFileNamedAsTheFolderIsRefusedAndKept() throws Exception {
        Path file = Files.writeString(dir.resolve("app"), "mine");

        Run run = script(Files.writeString(dir.resolve("fou-bot.jar"), "x"), file);

        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).contains("is not a directory");
        assertThat(file).hasContent("mine");
    }

    @Test
    void aRunThatFailsPutsTheArchiveItFoundBack() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("archive.args"), "\"-XX:SharedArchiveFile=" + app.resolve("fou-bot.jsa") + "\"\n-Xshare:auto\n");
        Files.writeString(app.resolve("fou-bot.jsa"), "the archive a bot starts from");
        Path damaged = Files.write(dir.resolve("fou-bot.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});

        Run run = script(damaged, app);

        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).contains("could not extract").contains("is as it was");
        assertThat(app.resolve("fou-bot.jsa")).hasContent("the archive a bot starts from");
        assertThat(app.resolve("archive.args")).exists();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("nothing set aside is left behind")
                    .containsExactlyInAnyOrder("app", "fou-bot.jar");
        }
    }

    @Test
    void aFolderARunKilledMidwayLeftIsTakenByTheNextRun() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve(".made-by-cds-archive"), "");
        Files.writeString(app.resolve("fou-bot.jar"), "half extracted");
        Path damaged = Files.write(dir.resolve("fou-bot.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});

        Run run = script(damaged, app);

        assertThat(run.errors()).as("taken, not refused").doesNotContain("did not make").contains("could not extract");
    }

    @Test
    void aRunThatFailsOnANewFolderLeavesNothing() throws Exception {
        Path damaged = Files.write(dir.resolve("fou-bot.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});

        Run run = script(damaged, dir.resolve("app"));

        assertThat(run.exit()).isNotZero();
        assertThat(dir.resolve("app")).doesNotExist();
    }
}
