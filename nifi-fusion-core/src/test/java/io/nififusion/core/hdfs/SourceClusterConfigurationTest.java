package io.nififusion.core.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceClusterConfigurationTest {
    @TempDir
    Path directory;

    @Test
    void aWriterAsksSoonerWhetherItsFileIsCompleteWithTheSamePatienceInAll() throws IOException {
        final Configuration configuration = SourceClusterConfiguration.load(List.of(site("fs.defaultFS", "hdfs://nn:8020"))).toConfiguration();

        final long firstWait = configuration.getLong(SourceClusterConfiguration.COMPLETE_RETRY_INITIAL_DELAY, -1);
        final int retries = configuration.getInt(SourceClusterConfiguration.COMPLETE_RETRY_COUNT, -1);
        assertEquals(SourceClusterConfiguration.OUR_COMPLETE_RETRY_INITIAL_DELAY_MS, firstWait);
        assertEquals(SourceClusterConfiguration.OUR_COMPLETE_RETRY_COUNT, retries);
        assertTrue(firstWait < 400, "no sooner than Hadoop's default");
        // Hadoop's own 400 ms × 5 waits 12.4 s in all before a close gives up; ours must not give up sooner
        assertTrue(firstWait * ((1L << retries) - 1) >= 400L * ((1L << 5) - 1), "the waits add up to less than Hadoop's default");
        assertEquals(SourceClusterConfiguration.COMPOSITE_CRC, configuration.get(SourceClusterConfiguration.CHECKSUM_COMBINE_MODE));
    }

    @Test
    void theOperatorsOwnWaitsAreKept() throws IOException {
        final Configuration delaySet = SourceClusterConfiguration.load(List.of(site("fs.defaultFS", "hdfs://nn:8020"),
                site(SourceClusterConfiguration.COMPLETE_RETRY_INITIAL_DELAY, "1000"))).toConfiguration();
        assertEquals(1000, delaySet.getLong(SourceClusterConfiguration.COMPLETE_RETRY_INITIAL_DELAY, -1));
        // Hadoop's default (or none, before its HDFS defaults are loaded), never ours, when the operator chose one of the two
        assertNotEquals(SourceClusterConfiguration.OUR_COMPLETE_RETRY_COUNT, delaySet.getInt(SourceClusterConfiguration.COMPLETE_RETRY_COUNT, -1));

        final Configuration retriesSet = SourceClusterConfiguration.load(List.of(site(SourceClusterConfiguration.COMPLETE_RETRY_COUNT, "3")))
                .toConfiguration();
        assertEquals(3, retriesSet.getInt(SourceClusterConfiguration.COMPLETE_RETRY_COUNT, -1));
        assertNotEquals(SourceClusterConfiguration.OUR_COMPLETE_RETRY_INITIAL_DELAY_MS, retriesSet.getLong(SourceClusterConfiguration.COMPLETE_RETRY_INITIAL_DELAY, -1));
    }

    @Test
    void aResourceThatIsNotAFileIsNamed() {
        final String missing = directory.resolve("hdfs-site.xml").toString();
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SourceClusterConfiguration.load(List.of(missing)));
        assertTrue(error.getMessage().contains(missing), error.getMessage());
    }

    private String site(final String name, final String value) throws IOException {
        final Path file = Files.createTempFile(directory, "site-", ".xml");
        Files.writeString(file, "<configuration><property><name>" + name + "</name><value>" + value + "</value></property></configuration>",
                StandardCharsets.UTF_8);
        return file.toString();
    }
}
