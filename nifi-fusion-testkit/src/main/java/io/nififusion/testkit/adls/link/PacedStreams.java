package io.nififusion.testkit.adls.link;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * The two streams of one exchange on a shaped connection, paced together: the connection carries one request at a
 * time, so the bytes it reads and the bytes it writes share one cap. Pieces larger than a slice are paced slice by
 * slice, so a large body does not arrive in one burst.
 */
public final class PacedStreams {
    private static final int SLICE = 64 * 1024;

    private final LinkPacer pacer;
    private final LinkTimer timer;
    private final long startNanos;
    private long bytesMoved;

    public PacedStreams(final LinkPacer pacer, final LinkTimer timer) {
        this.pacer = pacer;
        this.timer = timer;
        this.startNanos = timer.nanoTime();
    }

    /** @return bytes that went through either stream */
    public synchronized long bytesMoved() {
        return bytesMoved;
    }

    synchronized void moved(final long bytes) throws IOException {
        bytesMoved += bytes;
        final long wait = pacer.nanosToWait(bytesMoved, timer.nanoTime() - startNanos);
        if (wait > 0) {
            try {
                timer.sleepNanos(wait);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while pacing the link");
            }
        }
    }

    public InputStream input(final InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                final int value = super.read();
                if (value >= 0) {
                    moved(1);
                }
                return value;
            }

            @Override
            public int read(final byte[] buffer, final int offset, final int length) throws IOException {
                final int read = in.read(buffer, offset, Math.min(length, SLICE));
                if (read > 0) {
                    moved(read);
                }
                return read;
            }
        };
    }

    public OutputStream output(final OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(final int value) throws IOException {
                out.write(value);
                moved(1);
            }

            @Override
            public void write(final byte[] buffer, final int offset, final int length) throws IOException {
                for (int written = 0; written < length; ) {
                    final int slice = Math.min(SLICE, length - written);
                    out.write(buffer, offset + written, slice);
                    written += slice;
                    moved(slice);
                }
            }
        };
    }
}
