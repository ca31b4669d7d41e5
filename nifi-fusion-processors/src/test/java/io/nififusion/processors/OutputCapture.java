package io.nififusion.processors;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Tees the JVM's standard output and error into a buffer while a run lasts, so the log lines the SDK, Hadoop and
 * slf4j write there can be scanned; what is written still reaches the original streams.
 */
public final class OutputCapture implements AutoCloseable {
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private OutputCapture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    }

    public static OutputCapture start() {
        return new OutputCapture();
    }

    public String text() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private final class Tee extends OutputStream {
        private final PrintStream original;

        private Tee(final PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(final int b) {
            synchronized (buffer) {
                buffer.write(b);
            }
            original.write(b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) {
            synchronized (buffer) {
                buffer.write(bytes, offset, length);
            }
            original.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
