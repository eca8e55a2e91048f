package se.foubot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Start to ready as the operator and Kubernetes see it: a new {@code java} process, timed from its launch until
 * {@code GET /readyz} answers 200, round by round (each with the image's collector and heap:
 * {@code -XX:+UseG1GC -Xmx512m}): {@code java -jar target/fou-bot.jar}; the jar extracted; the extracted jar with the
 * class-data archive that {@code ops/start/cds-archive.sh} makes from a training run (the script the Dockerfile runs);
 * and, when a JDK 25 or later is on the machine, the same with that JDK and the AOT cache the script makes there
 * (the image built with {@code --build-arg JAVA_VERSION=25}). Besides the wall time it prints the CPU time the process
 * had used when {@code /readyz} first answered (user + system, all its threads, from {@code /proc/<pid>/stat}): the
 * work a start does, which a busy machine stretches in wall time but changes much less. Needs the jar:
 * {@code mvn -B -ntp -DskipTests package} first. Prints figures; asserts nothing about speed. Rounds:
 * {@code -Dfoubot.bench.start.rounds} (3); the newer JDK: {@code -Dfoubot.bench.start.aot-java=/path/to/bin/java}
 * (default: the newest JDK 25 or later under /usr/lib/jvm; {@code none}: skipped).
 */
@Tag("benchmark")
class StartBenchmark {

    private static final Path JAR = Path.of("target/fou-bot.jar");
    private static final Path EXTRACTED = Path.of("target/start-bench");
    private static final Path EXTRACTED_AOT = Path.of("target/start-bench-aot");
    private static final int ROUNDS = Integer.getInteger("foubot.bench.start.rounds", 3);

    @Test
    void startToReadyAsAProcess() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            System.out.println("StartBenchmark: no " + JAR + " yet; build it first: mvn -B -ntp -DskipTests package");
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double trainingSeconds = train(java, EXTRACTED);
        Optional<String> newer = newerJava();
        double aotTrainingSeconds = newer.isPresent() ? train(newer.get(), EXTRACTED_AOT) : Double.NaN;
        String extractedJar = EXTRACTED.resolve("fou-bot.jar").toString();
        List<Start> plain = new ArrayList<>();
        List<Start> extracted = new ArrayList<>();
        List<Start> archived = new ArrayList<>();
        List<Start> newerExtracted = new ArrayList<>();
        List<Start> cached = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            plain.add(start(List.of(java, "-XX:+UseG1GC", "-Xmx512m", "-jar", JAR.toString())));
            extracted.add(start(List.of(java, "-XX:+UseG1GC", "-Xmx512m", "-jar", extractedJar)));
            archived.add(start(List.of(java, "@" + EXTRACTED.resolve("archive.args"), "-XX:+UseG1GC", "-Xmx512m", "-jar", extractedJar)));
            if (newer.isPresent()) {
                String newerJar = EXTRACTED_AOT.resolve("fou-bot.jar").toString();
                newerExtracted.add(start(List.of(newer.get(), "-XX:+UseG1GC", "-Xmx512m", "-jar", newerJar)));
                cached.add(start(List.of(newer.get(), "@" + EXTRACTED_AOT.resolve("archive.args"), "-XX:+UseG1GC", "-Xmx512m", "-jar",
                        newerJar)));
            }
        }
        System.out.println();
        System.out.println("== fou-bot start to ready as a process (launch until /readyz answers 200; embedded store and mail, "
                + "no Slack; " + Figures.machine() + "); median (min–max) ==");
        System.out.printf("%-50s %-28s %s%n", "", "wall time to ready", "CPU time to ready");
        String version = "Java " + Runtime.version().feature();
        row(version + ": java -jar target/fou-bot.jar", plain);
        row(version + ": extracted jar", extracted);
        row(version + ": extracted jar + class-data archive", archived);
        Figures.Spread cds = spread(archived, Start::seconds);
        System.out.printf("class-data archive / plain java -jar (per round): wall %s×, CPU %s×; target ≤ 5 s: %s; "
                + "training run %.1f s%n", ratio(archived, plain, Start::seconds).format("%.2f"), ratio(archived, plain, Start::cpuSeconds).format("%.2f"),
                Figures.verdict(cds.median() <= 5), trainingSeconds);
        if (newer.isPresent()) {
            String newerVersion = "Java " + featureOf(Path.of(newer.get()).getParent().getParent()).orElse(0);
            row(newerVersion + ": extracted jar", newerExtracted);
            row(newerVersion + ": extracted jar + AOT cache", cached);
            Figures.Spread aot = spread(cached, Start::seconds);
            System.out.printf("AOT cache / %s's class-data archive (per round): wall %s×, CPU %s×; target ≤ 5 s: %s; "
                    + "training run %.1f s%n", version, ratio(cached, archived, Start::seconds).format("%.2f"),
                    ratio(cached, archived, Start::cpuSeconds).format("%.2f"), Figures.verdict(aot.median() <= 5), aotTrainingSeconds);
        } else {
            System.out.println("no JDK 25 or later found for the AOT cache (-Dfoubot.bench.start.aot-java=/path/to/bin/java)");
        }
        System.out.println();
    }

    /** Runs the training script with {@code java} into {@code dir}. @return the seconds it took */
    private static double train(String java, Path dir) throws Exception {
        long t0 = System.nanoTime();
        ProcessBuilder script = new ProcessBuilder("sh", "ops/start/cds-archive.sh", JAR.toString(), dir.toString()).inheritIO();
        script.environment().put("JAVA", java);
        Process training = script.start();
        if (training.waitFor() != 0) {
            throw new AssertionError("ops/start/cds-archive.sh failed with " + java + ": " + training.exitValue());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The java of the JDK 25 or later to measure the AOT cache with: the one named, or the newest under /usr/lib/jvm. */
    private static Optional<String> newerJava() throws IOException {
        String named = System.getProperty("foubot.bench.start.aot-java", "");
        if (named.equals("none")) {
            return Optional.empty();
        }
        if (!named.isEmpty()) {
            return Optional.of(named);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (var jdks = Files.list(jvms)) {
            return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")) && featureOf(jdk).orElse(0) >= 25)
                    .max(Comparator.comparingInt(jdk -> featureOf(jdk).orElse(0))).map(jdk -> jdk.resolve("bin/java").toString());
        }
    }

    /** The feature version a JDK's {@code release} file names ({@code JAVA_VERSION="25.0.3"}: 25). */
    private static Optional<Integer> featureOf(Path jdk) {
        try {
            Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(jdk.resolve("release")));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One start: wall seconds from launch until /readyz answered 200; the CPU seconds the process had used then. */
    private record Start(double seconds, double cpuSeconds) {
    }

    private static void row(String name, List<Start> starts) {
        System.out.printf("%-50s %-28s %s%n", name, spread(starts, Start::seconds).format("%.2f") + " s",
                spread(starts, Start::cpuSeconds).format("%.2f") + " s");
    }

    private static Figures.Spread spread(List<Start> starts, ToDoubleFunction<Start> figure) {
        return Figures.Spread.of(starts.stream().mapToDouble(figure).toArray());
    }

    /** Round by round: one way of starting against another in the same round. */
    private static Figures.Spread ratio(List<Start> starts, List<Start> against, ToDoubleFunction<Start> figure) {
        double[] ratios = new double[starts.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = figure.applyAsDouble(starts.get(i)) / figure.applyAsDouble(against.get(i));
        }
        return Figures.Spread.of(ratios);
    }

    /** Launches {@code command} on a fresh data directory and free ports; times it until /readyz answers 200. */
    private static Start start(List<String> command) throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory("foubot-start");
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--foubot.mail.embedded-smtp-port=0", "--foubot.mail.embedded-imap-port=0"));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(data.resolve("bot.log").toFile());
        Map<String, String> env = builder.environment();
        for (String outside : List.of("FOUBOT_MONGODB_URI", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
                "FOUBOT_IMAP_URL", "FOUBOT_SMTP_URL", "FOUBOT_MANAGEMENT_PORT", "JAVA_TOOL_OPTIONS")) {
            env.remove(outside);
        }
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("FOUBOT_DATA_DIR", data.resolve("data").toString());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).timeout(Duration.ofSeconds(2))
                .build();
        long t0 = System.nanoTime();
        Process bot = builder.start();
        // the start's directory (its log, its store) is removed once the bot has stopped, and kept when it never got ready
        boolean answered = false;
        try {
            while (true) {
                if (!bot.isAlive()) {
                    throw new AssertionError("the bot stopped before it was ready; see " + data.resolve("bot.log"));
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double cpu = cpuSeconds(bot.pid());
                        answered = true;
                        return new Start((System.nanoTime() - t0) / 1e9, cpu);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                    throw new AssertionError("not ready within 5 minutes; see " + data.resolve("bot.log"));
                }
                Thread.sleep(50);
            }
        } finally {
            bot.destroy();
            if (!bot.waitFor(30, TimeUnit.SECONDS)) {
                bot.destroyForcibly().waitFor();
            }
            if (answered) {
                deleteTree(data);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * User + system CPU seconds of a process and all its threads so far, from /proc/PID/stat (fields 14 and 15, in
     * clock ticks of 1/100 s, the value of USER_HZ on Linux); NaN where there is no /proc.
     */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
