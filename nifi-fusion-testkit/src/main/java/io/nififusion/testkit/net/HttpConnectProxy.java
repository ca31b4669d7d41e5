package io.nififusion.testkit.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback, as a corporate network puts between NiFi and Azure: {@code CONNECT host:port} opens a
 * tunnel (what HTTPS clients ask for), an absolute-form request ({@code GET http://host/path}) is relayed (plain HTTP).
 * With a user and password it wants {@code Proxy-Authorization: Basic ...} and answers 407 without it. It relays to
 * loopback addresses only (anything else gets 403 and is recorded), and counts what it relayed, so a test can prove
 * that traffic went through it.
 */
public final class HttpConnectProxy implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket serverSocket;
    private final String expectedAuthorization;
    private final AtomicInteger tunnels = new AtomicInteger();
    private final AtomicInteger relayedRequests = new AtomicInteger();
    private final AtomicInteger authenticationChallenges = new AtomicInteger();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<String> refusedTargets = new CopyOnWriteArrayList<>();
    private final List<Socket> openSockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private HttpConnectProxy(final String user, final String password) throws IOException {
        this.serverSocket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.expectedAuthorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.acceptor = Thread.ofPlatform().daemon().name("http-connect-proxy-" + serverSocket.getLocalPort()).start(this::acceptConnections);
    }

    /** A proxy that relays for anyone. */
    public static HttpConnectProxy start() throws IOException {
        return new HttpConnectProxy(null, null);
    }

    /** A proxy that relays only requests that authenticate with the user and password (HTTP Basic). */
    public static HttpConnectProxy startWithBasicAuthentication(final String user, final String password) throws IOException {
        return new HttpConnectProxy(user, password);
    }

    public String getHost() {
        return "127.0.0.1";
    }

    public int getPort() {
        return serverSocket.getLocalPort();
    }

    /** How many CONNECT tunnels were opened. */
    public int getTunnelCount() {
        return tunnels.get();
    }

    /** How many plain HTTP requests were relayed. */
    public int getRelayedRequestCount() {
        return relayedRequests.get();
    }

    /** How many requests were answered 407 for want of valid credentials. */
    public int getAuthenticationChallengeCount() {
        return authenticationChallenges.get();
    }

    /** {@code host:port} of every tunnel and relayed request, oldest first. */
    public List<String> getTargets() {
        return List.copyOf(targets);
    }

    /** Targets refused because they are not loopback addresses. */
    public List<String> getRefusedTargets() {
        return List.copyOf(refusedTargets);
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (final Socket socket : openSockets) {
            closeQuietly(socket);
        }
        acceptor.interrupt();
    }

    private void acceptConnections() {
        while (!serverSocket.isClosed()) {
            try {
                final Socket client = serverSocket.accept();
                openSockets.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (final IOException e) {
                return;
            }
        }
    }

    private void serve(final Socket client) {
        try (client) {
            final InputStream in = client.getInputStream();
            final OutputStream out = client.getOutputStream();
            final List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            final String[] requestLine = head.getFirst().split(" ");
            if (requestLine.length != 3) {
                respond(out, "400 Bad Request", "");
                return;
            }
            if (expectedAuthorization != null && !expectedAuthorization.equals(header(head, "proxy-authorization"))) {
                authenticationChallenges.incrementAndGet();
                respond(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"nifi-fusion test proxy\"\r\n");
                return;
            }
            if ("CONNECT".equalsIgnoreCase(requestLine[0])) {
                tunnel(client, requestLine[1]);
            } else {
                relay(client, requestLine, head);
            }
        } catch (final IOException e) {
            // the client or the target went away: the connection ends here
        } finally {
            openSockets.remove(client);
        }
    }

    private void tunnel(final Socket client, final String authority) throws IOException {
        final int colon = authority.lastIndexOf(':');
        final String host = stripBrackets(authority.substring(0, Math.max(colon, 0)));
        final int port = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
        if (!LoopbackOnlyProxySelector.isLoopback(host) || port <= 0) {
            refusedTargets.add(authority);
            respond(client.getOutputStream(), "403 Forbidden", "");
            return;
        }
        try (Socket target = new Socket()) {
            target.connect(new InetSocketAddress(host, port));
            openSockets.add(target);
            tunnels.incrementAndGet();
            targets.add(host + ":" + port);
            client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            final Thread upstream = Thread.ofVirtual().start(() -> pipe(client, target));
            pipe(target, client);
            upstream.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relay(final Socket client, final String[] requestLine, final List<String> head) throws IOException {
        final URI uri = URI.create(requestLine[1]);
        if (!"http".equalsIgnoreCase(uri.getScheme()) || !LoopbackOnlyProxySelector.isLoopback(stripBrackets(uri.getHost()))) {
            refusedTargets.add(requestLine[1]);
            respond(client.getOutputStream(), "403 Forbidden", "");
            return;
        }
        final int port = uri.getPort() < 0 ? 80 : uri.getPort();
        final StringBuilder forwarded = new StringBuilder(requestLine[0]).append(' ')
                .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(requestLine[2]).append("\r\n");
        long contentLength = 0;
        for (final String line : head.subList(1, head.size())) {
            final String name = line.substring(0, Math.max(line.indexOf(':'), 0)).strip().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                contentLength = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
            if (!name.startsWith("proxy-") && !name.equals("connection")) {
                forwarded.append(line).append("\r\n");
            }
        }
        forwarded.append("Connection: close\r\n\r\n");
        try (Socket target = new Socket()) {
            target.connect(new InetSocketAddress(stripBrackets(uri.getHost()), port));
            relayedRequests.incrementAndGet();
            targets.add(uri.getHost() + ":" + port);
            final OutputStream toTarget = target.getOutputStream();
            toTarget.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            copyExactly(client.getInputStream(), toTarget, contentLength);
            toTarget.flush();
            final List<String> responseHead = readHead(target.getInputStream());
            final StringBuilder answer = new StringBuilder();
            for (final String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    answer.append(line).append("\r\n");
                }
            }
            answer.append("Connection: close\r\n\r\n");
            client.getOutputStream().write(answer.toString().getBytes(StandardCharsets.ISO_8859_1));
            target.getInputStream().transferTo(client.getOutputStream());
            client.getOutputStream().flush();
        }
    }

    /** Copies until the source ends, then half-closes the destination so the other direction can finish. */
    private static void pipe(final Socket from, final Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (final IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static List<String> readHead(final InputStream in) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            final int next = in.read();
            if (next < 0) {
                return List.of();
            }
            bytes.write(next);
            matched = (next == '\r' && (matched == 0 || matched == 2)) || (next == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (bytes.size() > MAX_HEAD_BYTES) {
                throw new IOException("Request head too long");
            }
        }
        final List<String> lines = new ArrayList<>(List.of(bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n")));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    private static String header(final List<String> head, final String name) {
        for (final String line : head.subList(1, head.size())) {
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static void respond(final OutputStream out, final String status, final String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String stripBrackets(final String host) {
        return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static void closeQuietly(final Socket socket) {
        try {
            socket.close();
        } catch (final IOException ignored) {
            // already closed
        }
    }

    /** Copies the request body, framed by its Content-Length, and not a byte more (the client keeps its connection open). */
    private static void copyExactly(final InputStream in, final OutputStream out, final long length) throws IOException {
        final byte[] buffer = new byte[8192];
        long remaining = length;
        while (remaining > 0) {
            final int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException("Request body shorter than its Content-Length");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
    }
}
