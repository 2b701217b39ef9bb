package com.statalog.webhooks.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A webhook receiver that misbehaves in one way, at the socket level where {@link Receiver} cannot:
 * it resets connections, sends a 100 MB body, drips its answer, answers with a status and extra
 * headers, hangs, or speaks TLS with a certificate nobody trusts. It counts requests, bytes it
 * managed to send and connections still open, so a test can see what the client left behind.
 */
public final class HostileReceiver implements AutoCloseable {

    public enum Behaviour {
        /** Reads the request, then closes with SO_LINGER 0: the client sees a reset. */
        RESET,
        /** 500 with a 100 MB body, written as fast as the client reads it. */
        HUGE_BODY,
        /** 200 at once, then the body one byte every 100 ms. */
        DRIP_BODY,
        /** The status line and headers one byte every 200 ms. */
        DRIP_HEADERS,
        /** Reads the request and answers nothing for 12 s (past the production deadline of 10 s). */
        HANG,
        /** The fixed answer given to {@link #answering}: a status with extra headers, on a keep-alive connection. */
        ANSWER,
        /** TLS with a self-signed certificate, then a 200 to whoever accepts it. */
        UNTRUSTED_TLS,
        /**
         * 200 to the first request of a connection; a second request on it is read and the
         * connection closed unanswered, as by a server that drops an idle keep-alive connection
         * at the moment the client reuses it (Node.js closes them after 5 s, nginx after 75 s).
         */
        CLOSE_REUSED
    }

    private static final long HUGE = 100L * 1024 * 1024;

    private final Behaviour behaviour;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile String answer;

    private HostileReceiver(Behaviour behaviour, ServerSocket server) {
        this.behaviour = behaviour;
        this.server = server;
        Thread acceptor = new Thread(this::accept, "hostile-receiver-" + behaviour.name().toLowerCase(Locale.ROOT));
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static HostileReceiver start(Behaviour behaviour) {
        try {
            ServerSocket server = behaviour == Behaviour.UNTRUSTED_TLS
                    ? selfSigned().getServerSocketFactory().createServerSocket()
                    : new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            return new HostileReceiver(behaviour, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link Behaviour#ANSWER}: every request gets this status and these header lines ("Name: value"). */
    public static HostileReceiver answering(int status, String... headers) {
        HostileReceiver receiver = start(Behaviour.ANSWER);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Whatever\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        receiver.answer = head.append("Content-Length: 2\r\n\r\n{}").toString();
        return receiver;
    }

    public String url(String path) {
        return (behaviour == Behaviour.UNTRUSTED_TLS ? "https" : "http") + "://127.0.0.1:" + server.getLocalPort() + path;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public int requests() {
        return requests.get();
    }

    /** Connections accepted and not yet closed by either side. */
    public int openConnections() {
        return open.size();
    }

    /** Response bytes written to clients (headers and body). */
    public long bytesSent() {
        return bytesSent.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int onThisConnection = 0;
            do {
                if (!readRequest(in)) {
                    return;
                }
                requests.incrementAndGet();
                onThisConnection++;
            } while (act(socket, out, onThisConnection));
        } catch (IOException e) {
            // the client went away: what a test checks is that it did
        } finally {
            open.remove(socket);
        }
    }

    /** Answers one request, the {@code nth} on its connection; true when the connection stays open for the next. */
    private boolean act(Socket socket, OutputStream out, int nth) throws IOException {
        switch (behaviour) {
            case RESET -> {
                socket.setSoLinger(true, 0);
                return false;
            }
            case HUGE_BODY -> {
                write(out, ("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: " + HUGE + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                for (long sent = 0; sent < HUGE; sent += chunk.length) {
                    write(out, chunk);
                }
                return true;
            }
            case DRIP_BODY -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                drip(out, new byte[100_000], 100);
                return true;
            }
            case DRIP_HEADERS -> {
                drip(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII), 200);
                return true;
            }
            case HANG -> {
                pause(12_000);
                return false;
            }
            case CLOSE_REUSED -> {
                if (nth > 1) {
                    return false;
                }
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
                return true;
            }
            case ANSWER, UNTRUSTED_TLS -> {
                write(out, (answer != null ? answer : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                return true;
            }
            default -> throw new IllegalStateException(behaviour.name());
        }
    }

    private void drip(OutputStream out, byte[] bytes, long everyMs) throws IOException {
        for (int i = 0; i < bytes.length && !Thread.currentThread().isInterrupted(); i++) {
            write(out, new byte[] { bytes[i] });
            pause(everyMs);
        }
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        bytesSent.addAndGet(bytes.length);
    }

    /** Reads a request's head and its Content-Length body; false at the end of the connection. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = head.toString(StandardCharsets.US_ASCII).lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(0);
        in.skipNBytes(length);
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A TLS context with a fresh self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static SSLContext selfSigned() throws IOException {
        Path store = Files.createTempFile("hostile-receiver", ".p12");
        Files.delete(store);
        char[] password = "hostile".toCharArray();
        try {
            Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(password)))
                    .redirectErrorStream(true).start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream stored = Files.newInputStream(store)) {
                keys.load(stored, password);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        connections.shutdownNow();
        // a blocked read ignores the interrupt: closing its socket ends it
        open.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        });
    }
}
