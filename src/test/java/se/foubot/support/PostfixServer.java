package se.foubot.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Postfix on a free loopback port, when Debian's {@code postfix} is installed and the benchmark runs as
 * root (Postfix's master starts as root and drops to its own user): started from {@code ops/dev/postfix-bench/} with
 * its paths and port put in. It takes mail into its queue as any Postfix does — the 250 answer only once the queue
 * file is on disk — and then discards it, so a sender meets a real mail server's pace.
 */
public final class PostfixServer implements AutoCloseable {

    private final Path postfix;
    private final Path dir;
    private final int port;

    private PostfixServer(Path postfix, Path dir, int port) {
        this.postfix = postfix;
        this.dir = dir;
        this.port = port;
    }

    /** Starts one when {@code postfix} is installed and this is root; empty otherwise, or when it does not come up. */
    public static Optional<PostfixServer> startIfInstalled() {
        Optional<Path> binary = LoopbackServers.binary("postfix");
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            System.out.println("Postfix is installed but starts only as root; using the embedded server");
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("foubot-postfix");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path etc = Files.createDirectories(dir.resolve("etc"));
            Files.createDirectories(dir.resolve("queue"));
            Path data = Files.createDirectories(dir.resolve("data"));
            Files.setOwner(data, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix"));
            int port = LoopbackServers.freePort();
            for (String file : new String[] {"main.cf", "master.cf"}) {
                Files.writeString(etc.resolve(file), Files.readString(Path.of("ops/dev/postfix-bench", file))
                        .replace("/tmp/foubot-postfix", dir.toString()).replace("127.0.0.1:10025", "127.0.0.1:" + port));
            }
            PostfixServer server = new PostfixServer(binary.get(), dir, port);
            if (server.run("start") && LoopbackServers.awaitListening(port, () -> true)) {
                return Optional.of(server);
            }
            server.close();
        } catch (IOException | RuntimeException e) {
            System.out.println("Postfix did not start (" + e.getClass().getSimpleName() + "); using the embedded server");
        }
        return Optional.empty();
    }

    private boolean run(String command) {
        try {
            Process p = new ProcessBuilder(postfix.toString(), "-c", dir.resolve("etc").toString(), command)
                    .redirectErrorStream(true).redirectOutput(dir.resolve(command + ".out").toFile()).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits (up to a minute) until Postfix has passed on everything it took: its queue's folders hold no mail. A
     * sender measured next then does not share the machine with the delivery of what the one before it sent.
     */
    public void awaitQueueEmpty() {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < until && queued() > 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long queued() {
        long n = 0;
        for (String folder : new String[] {"maildrop", "incoming", "active", "deferred"}) {
            try (var files = Files.walk(dir.resolve("queue").resolve(folder))) {
                n += files.filter(Files::isRegularFile).count();
            } catch (IOException | java.io.UncheckedIOException e) {
                // a folder Postfix has not made yet, or a file gone while walking: counted on the next look
            }
        }
        return n;
    }

    public String smtpUrl() {
        return "smtp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        run("stop");
        LoopbackServers.deleteTree(dir);
    }
}
