package io.nififusion.testkit.adls.link;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Makes the emulator's HTTP server behave like an account at the end of a long link: every request waits the link's
 * latency before it is served, and the bytes of each exchange are paced at the connection's bandwidth.
 */
public final class ShapedLinkFilter extends Filter {
    private final LinkProfile profile;
    private final LinkTimer timer;

    public ShapedLinkFilter(final LinkProfile profile) {
        this(profile, LinkTimer.SYSTEM);
    }

    public ShapedLinkFilter(final LinkProfile profile, final LinkTimer timer) {
        this.profile = profile;
        this.timer = timer;
    }

    @Override
    public void doFilter(final HttpExchange exchange, final Chain chain) throws IOException {
        if (!profile.latency().isZero()) {
            try {
                timer.sleepNanos(profile.latency().toNanos());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted during the link latency");
            }
        }
        if (profile.bytesPerSecond() > 0) {
            final PacedStreams paced = new PacedStreams(new LinkPacer(profile.bytesPerSecond()), timer);
            exchange.setStreams(paced.input(exchange.getRequestBody()), paced.output(exchange.getResponseBody()));
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "long link: " + profile;
    }
}
