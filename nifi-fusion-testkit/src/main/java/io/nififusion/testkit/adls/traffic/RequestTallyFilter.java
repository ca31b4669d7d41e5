package io.nififusion.testkit.adls.traffic;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Counts every exchange in a {@link RequestTally}, with the body bytes read from and written to the client. */
public final class RequestTallyFilter extends Filter {
    private final RequestTally tally;

    public RequestTallyFilter(final RequestTally tally) {
        this.tally = tally;
    }

    @Override
    public void doFilter(final HttpExchange exchange, final Chain chain) throws IOException {
        final String kind = RequestKind.of(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override"),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("x-ms-rename-source"));
        final long[] received = new long[1];
        final long[] sent = new long[1];
        final InputStream in = exchange.getRequestBody();
        final OutputStream out = exchange.getResponseBody();
        exchange.setStreams(new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                final int value = in.read();
                if (value >= 0) {
                    received[0]++;
                }
                return value;
            }

            @Override
            public int read(final byte[] buffer, final int offset, final int length) throws IOException {
                final int read = in.read(buffer, offset, length);
                if (read > 0) {
                    received[0] += read;
                }
                return read;
            }
        }, new FilterOutputStream(out) {
            @Override
            public void write(final int value) throws IOException {
                out.write(value);
                sent[0]++;
            }

            @Override
            public void write(final byte[] buffer, final int offset, final int length) throws IOException {
                out.write(buffer, offset, length);
                sent[0] += length;
            }
        });
        try {
            chain.doFilter(exchange);
        } finally {
            tally.count(kind, received[0], sent[0]);
        }
    }

    @Override
    public String description() {
        return "counts requests and body bytes per kind";
    }
}
