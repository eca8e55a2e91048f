package se.foubot.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bot as a separate operating-system process (the test classpath, the real main class), so a harness can
 * kill it the way a crash, an OOM kill or {@code kill -9} does: no shutdown hook, no finally block, no goodbye.
 */
final class ChildBot {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildBot(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -cp <this classpath> se.foubot.FouBotApplication args…}, output to {@code dir/name.log}. */
    static ChildBot start(String name, Path dir, List<String> args) {
        return start(name, dir, List.of(), args);
    }

    /** As {@link #start(String, Path, List)}, with options for the JVM (e.g. for a quicker start). */
    static ChildBot start(String name, Path dir, List<String> jvmOptions, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "se.foubot.FouBotApplication"));
        command.addAll(args);
        Path log = dir.resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildBot(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start bot process " + name, e);
        }
    }

    /** Waits for Spring Boot's "Started" line; fails with the log's path when the process ends or takes too long. */
    void awaitStarted(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (logText().contains("Started FouBotApplication")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("bot process " + name + " ended with " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("bot process " + name + " did not start within " + timeout + "; see " + log);
    }

    /** SIGKILL: the process ends at once, whatever it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a graceful stop, as systemd or Kubernetes asks for. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
