package io.nififusion.processors;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real parts a processor IT runs against, one set per test class: a MiniDFSCluster with small blocks (test files
 * span several), the ADLS Gen2 emulator on an ephemeral loopback port, a directory for the client configuration a
 * source service loads, and one filesystem of the emulator with a client that inspects it directly. Register it as a
 * static {@code @RegisterExtension} field; the emulator's faults and request log are cleared before each test.
 */
public final class MigrationTestbed implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final String fileSystemName;
    private final MiniDfsExtension hdfs;
    private final AdlsEmulatorExtension adls;
    private Path configurationDirectory;
    private DataLakeFileSystemClient target;

    /** @param fileSystemName the emulator filesystem the test class replicates into, created before its tests */
    public MigrationTestbed(final String fileSystemName) {
        this(fileSystemName, MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build(), new AdlsEmulatorExtension());
    }

    /** The same with a cluster or an emulator set up for the test class, such as client retry settings or the emulator's clock. */
    public MigrationTestbed(final String fileSystemName, final MiniDfsExtension hdfs, final AdlsEmulatorExtension adls) {
        this.fileSystemName = fileSystemName;
        this.hdfs = hdfs;
        this.adls = adls;
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        hdfs.beforeAll(context);
        adls.beforeAll(context);
        configurationDirectory = Files.createTempDirectory("nifi-fusion-client-configuration");
        target = FusionTestServices.createFileSystem(adls.getEmulator(), fileSystemName);
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        adls.beforeEach(context);
    }

    @Override
    public void afterAll(final ExtensionContext context) throws IOException {
        try {
            adls.afterAll(context);
        } finally {
            hdfs.afterAll(context);
            deleteConfigurationDirectory();
        }
    }

    private void deleteConfigurationDirectory() throws IOException {
        if (configurationDirectory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(configurationDirectory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        configurationDirectory = null;
    }

    /** The source cluster; usable as soon as the test class starts. */
    public MiniDfsExtension hdfs() {
        return hdfs;
    }

    public AdlsEmulator emulator() {
        return adls.getEmulator();
    }

    /** Where source services write the client configuration of the cluster they load. */
    public Path configurationDirectory() {
        return configurationDirectory;
    }

    /** A client of the test class's filesystem, to inspect the target without the processors. */
    public DataLakeFileSystemClient target() {
        return target;
    }
}
