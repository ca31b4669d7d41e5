package io.nififusion.testkit.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A JVM-wide {@link ProxySelector} that keeps tests on loopback: every connection a JDK client opens without a proxy
 * of its own ({@code java.net.http}, {@code HttpURLConnection}) asks the default selector first, and this one sends any
 * address other than loopback to a port where nothing listens, so the attempt fails at once and is recorded. A test
 * installs it before the code under test runs and asserts {@link #nonLoopbackAttempts()} is empty at the end.
 */
public final class LoopbackOnlyProxySelector extends ProxySelector implements AutoCloseable {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");
    /** Port 1 of loopback: nothing listens there, so a connection through this "proxy" is refused immediately. */
    private static final Proxy NOWHERE = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 1));

    private final ProxySelector previous;
    private final List<URI> nonLoopbackAttempts = new CopyOnWriteArrayList<>();

    private LoopbackOnlyProxySelector(final ProxySelector previous) {
        this.previous = previous;
    }

    /** Makes a new selector the JVM's default until {@link #close()}. */
    public static LoopbackOnlyProxySelector install() {
        final LoopbackOnlyProxySelector selector = new LoopbackOnlyProxySelector(ProxySelector.getDefault());
        ProxySelector.setDefault(selector);
        return selector;
    }

    /** Whether the host is a loopback name or literal, from the text alone (no DNS lookup). */
    public static boolean isLoopback(final String host) {
        if (host == null) {
            return false;
        }
        final String normalized = host.toLowerCase(Locale.ROOT);
        return "localhost".equals(normalized) || "::1".equals(normalized) || "[::1]".equals(normalized) || IPV4_LOOPBACK.matcher(normalized).matches();
    }

    @Override
    public List<Proxy> select(final URI uri) {
        if (isLoopback(uri.getHost())) {
            return List.of(Proxy.NO_PROXY);
        }
        nonLoopbackAttempts.add(uri);
        return List.of(NOWHERE);
    }

    @Override
    public void connectFailed(final URI uri, final SocketAddress address, final IOException e) {
        // a refused loopback connection or the refused "nowhere" proxy: nothing to choose instead
    }

    /** Every URI that a client of this JVM tried to reach beyond loopback, oldest first. */
    public List<URI> nonLoopbackAttempts() {
        return List.copyOf(nonLoopbackAttempts);
    }

    @Override
    public void close() {
        ProxySelector.setDefault(previous);
    }
}
