package se.foubot.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Dovecot IMAP server on a free loopback port (user {@code fou}, password {@code fou}, maildir in a
 * temporary directory), when Debian's {@code dovecot-imapd} is installed; started from
 * {@code ops/dev/dovecot-bench.conf} with its paths and port put in. As root it drops to Dovecot's own users, as
 * anyone else it runs as that user.
 */
public final class DovecotServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private DovecotServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts one when {@code dovecot} is installed; empty when it is not, or does not come up. */
    public static Optional<DovecotServer> startIfInstalled() {
        Optional<Path> binary = LoopbackServers.binary("dovecot");
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("foubot-dovecot");
            Path mail = Files.createDirectories(dir.resolve("mail"));
            Files.createDirectories(dir.resolve("run"));
            int port = LoopbackServers.freePort();
            String user = System.getProperty("user.name");
            boolean root = "root".equals(user);
            String config = Files.readString(Path.of("ops/dev/dovecot-bench.conf")).replace("/tmp/foubot-dovecot", dir.toString())
                    .replace("port = 10143", "port = " + port);
            if (root) {
                // Dovecot reads the mail as its own user: the way in must be open to it
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                UserPrincipalLookupService users = mail.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(mail, users.lookupPrincipalByName("dovecot"));
            } else {
                config = config.replace("default_internal_user = dovecot", "default_internal_user = " + user)
                        .replace("default_login_user = dovenull", "default_login_user = " + user)
                        .replace("default_internal_group = dovecot", "")
                        .replace("  user = dovenull\n", "")
                        .replace("uid=dovecot gid=dovecot", "uid=" + user);
            }
            Path file = dir.resolve("dovecot.conf");
            Files.writeString(file, config);
            Process process = new ProcessBuilder(binary.get().toString(), "-F", "-c", file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
            DovecotServer server = new DovecotServer(process, port, dir);
            if (server.awaitListening()) {
                return Optional.of(server);
            }
            server.close();
        } catch (IOException | RuntimeException e) {
            System.out.println("Dovecot did not start (" + e.getClass().getSimpleName() + "); using the embedded server");
        }
        return Optional.empty();
    }

    private boolean awaitListening() {
        return LoopbackServers.awaitListening(port, process::isAlive);
    }

    public String imapUrl() {
        return "imap://fou:fou@127.0.0.1:" + port + "/INBOX";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LoopbackServers.deleteTree(dir);
    }
}
