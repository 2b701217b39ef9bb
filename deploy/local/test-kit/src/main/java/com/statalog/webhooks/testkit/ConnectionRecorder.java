package com.statalog.webhooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listens on one port of every address of this machine (IPv4 and IPv6 loopback included) and
 * counts every connection made to it, closing each at once: what a target that must never be
 * reached sees.
 */
public final class ConnectionRecorder implements AutoCloseable {

    private final List<ServerSocket> listeners;
    private final AtomicInteger connections = new AtomicInteger();

    public ConnectionRecorder() {
        int port = ServiceProcess.freePort();
        List<ServerSocket> bound = new ArrayList<>();
        try {
            // the IPv6 wildcard also takes IPv4 on a dual-stack machine: every address of this machine
            bound.add(listen("::", port));
        } catch (IOException noIpv6) {
            try {
                bound.add(listen("0.0.0.0", port));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port, e);
            }
        }
        listeners = List.copyOf(bound);
        listeners.forEach(listener -> {
            Thread acceptor = new Thread(() -> accept(listener), "connection-recorder-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        });
    }

    public int port() {
        return listeners.get(0).getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    private static ServerSocket listen(String address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        return socket;
    }

    private void accept(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket ignored = listener.accept()) {
                connections.incrementAndGet();
            } catch (IOException e) {
                // closed
            }
        }
    }

    @Override
    public void close() {
        listeners.forEach(listener -> {
            try {
                listener.close();
            } catch (IOException e) {
                // already closed
            }
        });
    }
}
