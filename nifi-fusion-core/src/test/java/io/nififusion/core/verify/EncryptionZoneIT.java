package io.nififusion.core.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.copy.AdlsReplicator;
import io.nififusion.core.copy.BandwidthThrottle;
import io.nififusion.core.copy.ReplicationOutcome;
import io.nififusion.core.copy.ReplicationResult;
import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.crypto.key.KeyProvider;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.CreateEncryptionZoneFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file in an HDFS encryption zone (a Java keystore as the cluster's key provider, as Hadoop's own encryption zone tests
 * run): the DataNodes checksum the ciphertext, so the source checksum is unavailable, never compared; verification reads
 * both sides and proves the plaintext the copy wrote. Never a mismatch, so never a re-copy loop.
 */
class EncryptionZoneIT {
    private static final String KEY_STORE = "jceks://file" + tempKeyStore();

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder()
            .set("hadoop.security.key.provider.path", KEY_STORE)
            .set("dfs.encryption.key.provider.uri", KEY_STORE)
            .build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static String tempKeyStore() {
        try {
            final java.nio.file.Path directory = Files.createTempDirectory("nifi-fusion-kms");
            return directory.resolve("keys.jceks").toString();
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void encryptedFilesVerifyByReadingBothSidesAndNeverMismatch() throws Exception {
        final KeyProvider provider = HDFS.getCluster().getNamesystem().getProvider();
        provider.createKey("zone-key", KeyProvider.options(HDFS.getConfiguration()));
        provider.flush();
        HDFS.mkdirs("/secure");
        HDFS.getAdmin().createEncryptionZone(new Path("/secure"), "zone-key", EnumSet.of(CreateEncryptionZoneFlag.NO_TRASH));
        HDFS.writeRandom("/secure/payroll.csv", 3 * 1024 * 1024 + 5, 1);
        assertTrue(HDFS.getFileSystem().getFileStatus(new Path("/secure/payroll.csv")).isEncrypted());
        final DataLakeFileSystemClient target = TargetCopies.fileSystem(ADLS.getEmulator(), "encrypted");
        final ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            final AdlsReplicator replicator = new AdlsReplicator(SourceAccess.direct(HDFS.getFileSystem()), target, new TargetPathMapper("/secure", "secure"),
                    ReplicatorSettings.defaults().withChunking(1024 * 1024, 2, 0), executor, new BandwidthThrottle(0), "Account Key");
            final ReplicationOutcome copied = replicator.apply(new ReplicationOperation(OperationType.COPY, "/secure/payroll.csv", null, false, -1, -1, -1,
                    null, null, null, -1, ChangeSource.SCAN, null), () -> true);
            assertEquals(ReplicationResult.COPIED, copied.result(), copied.detail());
        } finally {
            executor.shutdownNow();
        }

        final FileVerification quickWithoutReading = new FileVerifier(HDFS.getFileSystem(), target,
                new VerificationOptions(VerificationDepth.QUICK, false, false, VerificationOptions.DEFAULT_READ_BLOCK_SIZE), null)
                .verify("/secure/payroll.csv", "secure/payroll.csv", null);
        final FileVerification quickReading = new FileVerifier(HDFS.getFileSystem(), target,
                new VerificationOptions(VerificationDepth.QUICK, true, false, VerificationOptions.DEFAULT_READ_BLOCK_SIZE), null)
                .verify("/secure/payroll.csv", "secure/payroll.csv", null);
        final FileVerification deep = new FileVerifier(HDFS.getFileSystem(), target,
                new VerificationOptions(VerificationDepth.DEEP, true, false, VerificationOptions.DEFAULT_READ_BLOCK_SIZE), null)
                .verify("/secure/payroll.csv", "secure/payroll.csv", null);

        assertEquals(VerificationOutcome.UNVERIFIED, quickWithoutReading.outcome(), quickWithoutReading.explanation());
        assertTrue(String.valueOf(quickWithoutReading).contains("encryption zone"), String.valueOf(quickWithoutReading));
        assertEquals(VerificationOutcome.VERIFIED, quickReading.outcome(), quickReading.explanation());
        assertEquals(VerificationOutcome.VERIFIED, deep.outcome(), deep.explanation());
    }
}
