package se.foubot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP pass-through on loopback that a test can take down and bring back on the same port, to play a mail
 * server (or anything else) that goes away while the bot is connected to it and comes back later, without
 * losing what the real server behind it holds; or hold the server's answers, to play one that hangs.
 */
public final class TcpProxy implements AutoCloseable {

    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    /** Set by {@link #cut}: each new connection is closed at once. */
    private volatile boolean cutting;
    /** Open while the server's answers pass; {@link #holdAnswers} closes it. */
    private volatile java.util.concurrent.CountDownLatch answersPass = new java.util.concurrent.CountDownLatch(0);

    private TcpProxy(int target) {
        this.target = target;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** A proxy on a free port in front of 127.0.0.1:{@code target}, up. */
    public static TcpProxy to(int target) {
        return new TcpProxy(target);
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and cuts the open ones, as a server that stops would. */
    public synchronized void down() {
        closeQuietly(listener);
        listener = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** From now on the server's answers are held back (what the client sends still reaches it), as a server that hangs. */
    public void holdAnswers() {
        answersPass = new java.util.concurrent.CountDownLatch(1);
    }

    /** Lets the held answers, and those after them, through. */
    public void passAnswers() {
        answersPass.countDown();
    }

    /**
     * Cuts the open connections and closes each new one at once, keeping the port: a server that is away, without the
     * risk of {@link #down}, whose port the system may hand to another socket as its own end before {@link #up}.
     */
    public synchronized void cut() {
        cutting = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void up() {
        cutting = false;
        if (listener == null) {
            listener = bind(port);
            accept(listener);
        }
    }

    @Override
    public void close() {
        down();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket server) {
        daemon("tcp-proxy-" + port, () -> {
            while (!server.isClosed()) {
                Socket client = null;
                try {
                    client = server.accept();
                    if (cutting) {
                        closeQuietly(client);
                        continue;
                    }
                    Socket upstream = new Socket("127.0.0.1", target);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream, false);
                    pump(upstream, client, true);
                } catch (IOException e) {
                    closeQuietly(client); // closed by down(), or the target refused: the client sees its connection end
                }
            }
        });
    }

    private void pump(Socket from, Socket to, boolean answers) {
        daemon("tcp-proxy-pump", () -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (answers) {
                        answersPass.await();
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away; both are closed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
