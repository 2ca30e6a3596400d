package dev.kehu.infra.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-owned door to the shared Elasticsearch node: forwards TCP connections from its own loopback port to the
 * node's. Closing it makes Elasticsearch unreachable for the application under test (refused connections, cut
 * ones) without stopping the node the other test classes share; opening it again on the same port brings it back.
 */
public final class TcpForwarder implements AutoCloseable {

    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private int port;

    public TcpForwarder(String targetUrl) {
        URI uri = URI.create(targetUrl);
        this.target = new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    /** Starts accepting on the port of the last {@link #open} (a free one the first time). */
    public synchronized TcpForwarder open() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = socket.getLocalPort();
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "tcp-forwarder-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException cut) {
                // one side closed: close both below
            } finally {
                quietly(from);
                quietly(to);
            }
        }, "tcp-forwarder-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Refuses new connections and cuts the open ones. */
    @Override
    public synchronized void close() {
        if (server != null) {
            quietly(server);
        }
        sockets.forEach(TcpForwarder::quietly);
        sockets.clear();
    }

    private static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
