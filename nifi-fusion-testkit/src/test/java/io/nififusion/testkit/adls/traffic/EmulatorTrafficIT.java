package io.nififusion.testkit.adls.traffic;

import com.azure.core.util.BinaryData;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.link.LinkProfile;
import io.nififusion.testkit.adls.link.LinkTimer;
import io.nififusion.testkit.adls.link.ShapedLinkFilter;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request tally and the shaped link around the real SDK's requests; the link's time is a manual clock, so no test waits. */
class EmulatorTrafficIT {
    private static final int SIZE = 300_000;

    @Test
    void countsEveryRequestByKindWithItsBodyBytesAndChargesTheLinkForEach() throws IOException {
        final RequestTally tally = new RequestTally();
        final SharedManualTimer timer = new SharedManualTimer();
        final LinkProfile link = new LinkProfile(Duration.ofMillis(20), 1024 * 1024);
        try (AdlsEmulator emulator = AdlsEmulator.builder().filter(new RequestTallyFilter(tally)).filter(new ShapedLinkFilter(link, timer))
                .build().start()) {
            final DataLakeFileSystemClient fileSystem = new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                    .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient()
                    .createFileSystem("traffic");
            tally.reset();
            final long linkTimeBefore = timer.sleptNanos.get();
            final byte[] data = new byte[SIZE];
            new Random(5).nextBytes(data);
            final DataLakeFileClient file = fileSystem.createFile("dir/file.bin", true);
            file.append(BinaryData.fromBytes(data), 0);
            file.flush(SIZE, true);
            final ByteArrayOutputStream read = new ByteArrayOutputStream();
            file.read(read);
            assertArrayEquals(data, read.toByteArray());

            final Map<String, RequestTally.Snapshot> counts = tally.snapshot();
            assertEquals(1, counts.get("PUT create-file").requests());
            assertEquals(1, counts.get("PATCH append").requests());
            assertEquals(SIZE, counts.get("PATCH append").bytesReceived());
            assertEquals(1, counts.get("PATCH flush").requests());
            assertEquals(SIZE, counts.get("GET read").bytesSent(), "the read's body, counted as sent");
            final long requests = counts.values().stream().mapToLong(RequestTally.Snapshot::requests).sum();
            final long linkTime = timer.sleptNanos.get() - linkTimeBefore;
            // every request waited the latency, and the two bodies (upload and download) crossed a 1 MiB/s link
            assertTrue(linkTime >= requests * 20_000_000L + 2L * SIZE * 1_000_000_000L / (1024 * 1024) - 2 * 20_000_000L,
                    "link time " + linkTime + " ns for " + requests + " requests");
        }
    }

    @Test
    void theConsoleAnswersRequestsAndResetAndNamesUnknownCommands() throws IOException {
        final RequestTally tally = new RequestTally();
        tally.count("PATCH append", 10, 0);
        tally.count("PATCH append", 5, 0);
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        new EmulatorConsole(tally).serve(new BufferedReader(new StringReader("requests\nbogus\nreset\nrequests\n")),
                new PrintStream(output, true, StandardCharsets.UTF_8));
        final String[] lines = output.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith(EmulatorConsole.REQUESTS_REPLY) && lines[0].contains("\"PATCH append\"")
                && lines[0].contains("\"requests\":2") && lines[0].contains("\"bytesReceived\":15"), lines[0]);
        assertTrue(lines[1].startsWith("error unknown command 'bogus'"), lines[1]);
        assertEquals("reset", lines[2]);
        assertEquals(EmulatorConsole.REQUESTS_REPLY + "{}", lines[3]);
    }

    /** Link time that advances by exactly what the link asks to wait, whichever emulator thread asks; nothing really sleeps. */
    private static final class SharedManualTimer implements LinkTimer {
        private final AtomicLong sleptNanos = new AtomicLong();

        @Override
        public long nanoTime() {
            return sleptNanos.get();
        }

        @Override
        public void sleepNanos(final long nanos) {
            sleptNanos.addAndGet(nanos);
        }
    }
}
