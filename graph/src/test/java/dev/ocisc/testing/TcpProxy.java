package dev.ocisc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a plain HTTP server (a {@link LocalRegistry}): it records the
 * request lines and {@code Range} headers that pass, and can cut a connection after the first N bytes of the answer
 * to a blob GET, as a network that drops connections does.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile long cutAfter = Long.MAX_VALUE;

    public TcpProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "tcp-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Cuts the next {@code times} answers to blob GETs after {@code bytes} bytes of their bodies; with a negative
     * {@code bytes}, before their first byte (a connection reset before the answer).
     */
    public void cut(int times, long bytes) {
        cutAfter = bytes;
        cuts.set(times);
    }

    /** The request lines and Range headers seen, in order ({@code GET /v2/... HTTP/1.1}, {@code Range: ...}). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many GETs of {@code /v2/.../blobs/...} passed. */
    public long blobGets() {
        return requests.stream().filter(r -> r.startsWith("GET /v2/") && r.contains("/blobs/")).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                Connection c = new Connection(client, upstream);
                start(() -> c.requests());
                start(() -> c.answers());
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        /**
         * Body bytes of the answer to the last blob GET; -1 when the answer is to no blob GET, below that while in
         * the answer's head.
         */
        private volatile long sinceBlobGet = -1;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** Client to server, a line at a time as far as the request head goes: bodies of GET and HEAD are empty. */
        void requests() {
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0) {
                    out.write(b);
                    if (b == '\n') {
                        String l = line.toString().strip();
                        if (l.matches("^(GET|HEAD|PUT|POST|PATCH|DELETE) .*")) {
                            requests.add(l);
                            boolean blobGet = l.startsWith("GET /v2/") && l.contains("/blobs/");
                            sinceBlobGet = blobGet ? -2 : -1;
                        } else if (l.regionMatches(true, 0, "Range:", 0, 6)) {
                            requests.add("Range:" + l.substring(6));
                        }
                        if (l.isEmpty()) {
                            out.flush();
                        }
                        line.setLength(0);
                    } else if (b != '\r') {
                        line.append((char) b);
                    }
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                closeBoth();
            }
        }

        void answers() {
            byte[] buf = new byte[8192];
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    int cutAt = -1;
                    for (int i = 0; i < n && sinceBlobGet != -1 && cutAt < 0; i++) {
                        long since = sinceBlobGet;
                        if (since == -2 && i == 0 && cutAfter < 0 && cuts.getAndDecrement() > 0) {
                            cutAt = 0;
                        } else if (since < -1) { // in the answer's head: -2 minus the bytes of "\r\n\r\n" matched
                            int matched = (int) (-2 - since);
                            matched = buf[i] == "\r\n\r\n".charAt(matched) ? matched + 1 : buf[i] == '\r' ? 1 : 0;
                            sinceBlobGet = matched == 4 ? 0 : -2 - matched;
                        } else if (since >= cutAfter && cuts.getAndDecrement() > 0) {
                            cutAt = i;
                        } else {
                            sinceBlobGet = since + 1;
                        }
                    }
                    if (cutAt >= 0) {
                        out.write(buf, 0, cutAt);
                        out.flush();
                        closeBoth();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing
            }
            try {
                upstream.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
