package io.nififusion.core.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathPermissions;
import io.nififusion.core.target.TargetVersion;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options.ChecksumOpt;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.DataChecksum;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.EnumSet;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileVerifierIT {
    private static final long BLOCK = MiniDfsExtension.SMALL_BLOCK_SIZE;
    private static final String FILESYSTEM = "verify";

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(BLOCK).build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static DataLakeFileSystemClient target;

    @BeforeAll
    static void createTarget() {
        target = TargetCopies.fileSystem(ADLS.getEmulator(), FILESYSTEM);
    }

    @Test
    void multiBlockCopyVerifiesQuickAndDeep() throws Exception {
        final byte[] bytes = copied("/data/multi-block", (int) (3.5 * BLOCK) + 99, 1);

        final FileVerification quick = verifier(VerificationDepth.QUICK).verify("/data/multi-block", "t/data/multi-block", null);
        final FileVerification deep = verifier(VerificationDepth.DEEP).verify("/data/multi-block", "t/data/multi-block", null);

        assertEquals(VerificationOutcome.VERIFIED, quick.outcome(), quick.explanation());
        assertEquals(ChecksumSource.SOURCE_COMPOSITE_CRC, quick.sourceChecksumSource());
        assertEquals(ChecksumSource.TARGET_RECORDED, quick.targetChecksumSource());
        assertEquals(0, quick.bytesRead());
        assertEquals(VerificationOutcome.VERIFIED, deep.outcome(), deep.explanation());
        assertEquals(ChecksumSource.TARGET_BYTES, deep.targetChecksumSource());
        assertEquals(bytes.length, deep.bytesRead());
        assertEquals(Crc32cDigest.of(bytes).crc32c(), deep.targetCrc32c());
        assertEquals(deep.sourceCrc32c(), deep.targetCrc32c());
    }

    @Test
    void deepVerificationReadsTheListedVersionInRangedReadsWithOneQuietHeadAhead() throws Exception {
        final int readBlockSize = 64 * 1024;
        final byte[] bytes = copied("/data/ranged", 5 * readBlockSize + 17, 7);
        final TargetFileState listed = TargetFileState.fetch(target, "t/data/ranged");
        ADLS.getEmulator().clearRequestLog();

        final FileVerification deep = new FileVerifier(HDFS.getFileSystem(), target, new VerificationOptions(VerificationDepth.DEEP, false, false,
                readBlockSize), CallRateLimiter.unlimited()).compare(SourceFileState.of("/data/ranged", HDFS.getFileSystem().getFileStatus(
                new Path("/data/ranged"))), "t/data/ranged", listed);

        assertEquals(VerificationOutcome.VERIFIED, deep.outcome(), deep.explanation());
        assertEquals(bytes.length, deep.bytesRead());
        assertEquals(6, requestsOf("GET", "t/data/ranged"), "one ranged read per block of the Read Block Size");
        assertEquals(1, requestsOf("HEAD", "t/data/ranged"), "the quiet version check; the reads bring no HEAD of their own");
    }

    @Test
    void emptyFileVerifiesQuickAndDeep() throws Exception {
        copied("/data/empty", 0, 2);

        for (final VerificationDepth depth : VerificationDepth.values()) {
            final FileVerification verification = verifier(depth).verify("/data/empty", "t/data/empty", null);
            assertEquals(VerificationOutcome.VERIFIED, verification.outcome(), depth + ": " + verification.explanation());
            assertEquals(0L, verification.sourceCrc32c());
            assertEquals(0L, verification.targetCrc32c());
        }
    }

    @Test
    void corruptionBehindTheServiceIsCaughtByDeepOnly() throws Exception {
        final byte[] bytes = copied("/data/corrupt", (int) (2 * BLOCK) + 3, 3);
        ADLS.getEmulator().corruptStoredBytes(FILESYSTEM, "t/data/corrupt", BLOCK + 17);

        final FileVerification quick = verifier(VerificationDepth.QUICK).verify("/data/corrupt", "t/data/corrupt", null);
        final FileVerification deep = verifier(VerificationDepth.DEEP).verify("/data/corrupt", "t/data/corrupt", null);

        assertEquals(VerificationOutcome.VERIFIED, quick.outcome(), "quick compares recorded metadata only");
        assertEquals(VerificationOutcome.MISMATCH, deep.outcome());
        assertEquals(VerificationCheck.CHECKSUM, deep.check());
        assertEquals(Crc32cDigest.of(bytes).crc32c(), deep.sourceCrc32c());
        final byte[] corrupted = bytes.clone();
        corrupted[(int) BLOCK + 17] = (byte) ~corrupted[(int) BLOCK + 17];
        assertEquals(Crc32cDigest.of(corrupted).crc32c(), deep.targetCrc32c());
    }

    @Test
    void wrongRecordedChecksumIsCaughtByQuickWhileDeepProvesTheBytes() throws Exception {
        final byte[] bytes = HDFS.writeRandom("/data/wrong-record", 5000, 4);
        final long crc = Crc32cDigest.of(bytes).crc32c();
        TargetCopies.write(target, "t/data/wrong-record", bytes, TargetCopies.currentVersion(HDFS.getFileSystem(), "/data/wrong-record", crc ^ 1).toMetadata());

        final FileVerification quick = verifier(VerificationDepth.QUICK).verify("/data/wrong-record", "t/data/wrong-record", null);
        final FileVerification deep = verifier(VerificationDepth.DEEP).verify("/data/wrong-record", "t/data/wrong-record", null);

        assertEquals(VerificationOutcome.MISMATCH, quick.outcome());
        assertEquals(VerificationCheck.CHECKSUM, quick.check());
        assertEquals(crc, quick.sourceCrc32c());
        assertEquals(crc ^ 1, quick.targetCrc32c());
        assertEquals(VerificationOutcome.VERIFIED, deep.outcome());
    }

    @Test
    void sizeDifferenceAndMissingTarget() throws Exception {
        final byte[] bytes = HDFS.writeRandom("/data/size", 4000, 5);
        final byte[] shorter = java.util.Arrays.copyOf(bytes, 3999);
        TargetCopies.write(target, "t/data/size", shorter, TargetCopies.currentVersion(HDFS.getFileSystem(), "/data/size", Crc32cDigest.of(shorter).crc32c()).toMetadata());
        HDFS.writeRandom("/data/absent", 10, 6);

        final FileVerification size = verifier(VerificationDepth.QUICK).verify("/data/size", "t/data/size", null);
        final FileVerification missing = verifier(VerificationDepth.DEEP).verify("/data/absent", "t/data/absent", null);

        assertEquals(VerificationOutcome.MISMATCH, size.outcome());
        assertEquals(VerificationCheck.SIZE, size.check());
        assertEquals(4000, size.sourceLength());
        assertEquals(3999, size.targetLength());
        assertEquals(VerificationOutcome.MISSING, missing.outcome());
    }

    @Test
    void sourceRewrittenWithAnotherBlockSizeStillVerifies() throws Exception {
        final byte[] bytes = randomBytes((int) (2.5 * BLOCK), 7);
        writeSource("/data/reblocked", bytes, BLOCK, DataChecksum.Type.CRC32C);
        TargetCopies.copy(HDFS.getFileSystem(), "/data/reblocked", target, "t/data/reblocked");
        // Same bytes, rewritten with a quarter of the block size and another bytes-per-checksum (as a re-balanced copy would be)
        writeSource("/data/reblocked", bytes, BLOCK / 4, DataChecksum.Type.CRC32C);
        assertEquals(BLOCK / 4, HDFS.getFileSystem().getFileStatus(new Path("/data/reblocked")).getBlockSize());

        for (final VerificationDepth depth : VerificationDepth.values()) {
            final FileVerification verification = verifier(depth).verify("/data/reblocked", "t/data/reblocked", null);
            assertEquals(VerificationOutcome.VERIFIED, verification.outcome(), depth + ": " + verification.explanation());
            assertEquals(ChecksumSource.SOURCE_COMPOSITE_CRC, verification.sourceChecksumSource());
        }
    }

    @Test
    void crc32ClusterFallsBackToReadingAndNeverReportsAFalseMismatch() throws Exception {
        final byte[] bytes = randomBytes((int) BLOCK + 500, 8);
        writeSource("/data/crc32", bytes, BLOCK, DataChecksum.Type.CRC32);
        TargetCopies.copy(HDFS.getFileSystem(), "/data/crc32", target, "t/data/crc32");

        final FileVerification quick = verifier(VerificationDepth.QUICK).verify("/data/crc32", "t/data/crc32", null);
        final FileVerification deep = verifier(VerificationDepth.DEEP).verify("/data/crc32", "t/data/crc32", null);
        final FileVerification strict = new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(VerificationDepth.QUICK)
                .withReadWhenChecksumUnavailable(false), null).verify("/data/crc32", "t/data/crc32", null);

        assertEquals(VerificationOutcome.VERIFIED, quick.outcome(), quick.explanation());
        assertEquals(ChecksumSource.SOURCE_BYTES, quick.sourceChecksumSource());
        assertTrue(quick.explanation().contains("COMPOSITE-CRC32"), quick.explanation());
        assertEquals(bytes.length, quick.bytesRead());
        assertEquals(VerificationOutcome.VERIFIED, deep.outcome(), deep.explanation());
        assertEquals(ChecksumSource.SOURCE_BYTES, deep.sourceChecksumSource());
        assertEquals(ChecksumSource.TARGET_BYTES, deep.targetChecksumSource());
        assertEquals(2L * bytes.length, deep.bytesRead());
        assertEquals(VerificationOutcome.UNVERIFIED, strict.outcome(), "unavailable is never a match");
        assertNull(strict.sourceCrc32c());

        ADLS.getEmulator().corruptStoredBytes(FILESYSTEM, "t/data/crc32", 1);
        final FileVerification corrupted = verifier(VerificationDepth.DEEP).verify("/data/crc32", "t/data/crc32", null);
        assertEquals(VerificationOutcome.MISMATCH, corrupted.outcome());
        assertEquals(VerificationCheck.CHECKSUM, corrupted.check());
    }

    @Test
    void sourceChangedDuringVerificationIsReportedChanged() throws Exception {
        copied("/data/growing", 3000, 9);
        final SourceFileState listed = SourceFileState.of("/data/growing", HDFS.getFileSystem().getFileStatus(new Path("/data/growing")));
        // The source grows after it was listed and before its checksum is taken: the comparison must not call it a mismatch
        HDFS.append("/data/growing", new byte[]{1, 2, 3});

        final FileVerification verification = verifier(VerificationDepth.DEEP).compare(listed, "t/data/growing", TargetFileState.fetch(target, "t/data/growing"));

        assertEquals(VerificationOutcome.CHANGED, verification.outcome(), verification.explanation());
        assertEquals(VerificationCheck.STABILITY, verification.check());
    }

    @Test
    void sourceRewrittenSinceTheRecordIsChangedNotMismatch() throws Exception {
        copied("/data/rewritten", 2000, 10);
        final SourceFileState recorded = SourceFileState.of("/data/rewritten", HDFS.getFileSystem().getFileStatus(new Path("/data/rewritten")));
        HDFS.writeRandom("/data/rewritten", 2500, 11);

        final FileVerification verification = verifier(VerificationDepth.QUICK).verify("/data/rewritten", "t/data/rewritten", recorded);

        assertEquals(VerificationOutcome.CHANGED, verification.outcome(), verification.explanation());
    }

    @Test
    void typeDifference() throws Exception {
        HDFS.mkdirs("/data/dir-or-file");
        TargetCopies.write(target, "t/data/dir-or-file", new byte[]{1}, null);

        final FileVerification verification = verifier(VerificationDepth.QUICK).verify("/data/dir-or-file", "t/data/dir-or-file", null);

        assertEquals(VerificationOutcome.MISMATCH, verification.outcome());
        assertEquals(VerificationCheck.TYPE, verification.check());
    }

    @Test
    void targetWithoutRecordedChecksumIsReadOrReportedUnverified() throws Exception {
        final byte[] bytes = HDFS.writeRandom("/data/foreign", 1234, 12);
        TargetCopies.write(target, "t/data/foreign", bytes, null);

        final FileVerification read = verifier(VerificationDepth.QUICK).verify("/data/foreign", "t/data/foreign", null);
        final FileVerification strict = new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(VerificationDepth.QUICK)
                .withReadWhenChecksumUnavailable(false), null).verify("/data/foreign", "t/data/foreign", null);

        assertEquals(VerificationOutcome.VERIFIED, read.outcome(), read.explanation());
        assertEquals(ChecksumSource.TARGET_BYTES, read.targetChecksumSource());
        assertEquals(VerificationOutcome.UNVERIFIED, strict.outcome());
    }

    @Test
    void recordedSourceVersionIsComparedOnlyWhenAskedAndAnotherVersionIsAPendingCopy() throws Exception {
        final byte[] bytes = HDFS.writeRandom("/data/versioned", 700, 13);
        TargetCopies.write(target, "t/data/versioned", bytes, new TargetVersion("/data/versioned", bytes.length, 42, 43, Crc32cDigest.of(bytes).crc32c()).toMetadata());

        final FileVerification plain = verifier(VerificationDepth.QUICK).verify("/data/versioned", "t/data/versioned", null);
        final FileVerification withMetadata = new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(VerificationDepth.DEEP)
                .withCompareMetadata(true), null).verify("/data/versioned", "t/data/versioned", null);

        assertEquals(VerificationOutcome.VERIFIED, plain.outcome());
        // same bytes, another recorded version: the record that changed the source (a touch) is still on its way
        assertEquals(VerificationOutcome.CHANGED, withMetadata.outcome());
        assertEquals(VerificationCheck.STABILITY, withMetadata.check());
        assertTrue(withMetadata.explanation().contains("modification time"), withMetadata.explanation());
    }

    @Test
    void permissionChangedAtTheTargetIsAMetadataDifferenceWithBothValues() throws Exception {
        HDFS.writeRandom("/data/permission", 300, 15);
        HDFS.chmod("/data/permission", (short) 0640);
        TargetCopies.copy(HDFS.getFileSystem(), "/data/permission", target, "t/data/permission");
        final FileVerifier withMetadata = new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(VerificationDepth.QUICK)
                .withCompareMetadata(true), null);

        final FileVerification same = withMetadata.verify("/data/permission", "t/data/permission", null);
        target.getFileClient("t/data/permission").setPermissions(PathPermissions.parseOctal("0600"), null, null);
        final FileVerification changed = withMetadata.verify("/data/permission", "t/data/permission", null);
        final FileVerification notAsked = verifier(VerificationDepth.QUICK).verify("/data/permission", "t/data/permission", null);

        assertEquals(VerificationOutcome.VERIFIED, same.outcome(), same.explanation());
        assertEquals(VerificationOutcome.MISMATCH, changed.outcome());
        assertEquals(VerificationCheck.METADATA, changed.check());
        assertEquals("Metadata differs: permission rw-r----- vs target rw-------", changed.explanation());
        assertEquals(DifferenceKind.METADATA, Difference.of(changed).kind());
        assertEquals(VerificationOutcome.VERIFIED, notAsked.outcome(), "permission bits are compared only when asked");
    }

    @Test
    void directoryPermissionIsComparedWhenAsked() throws Exception {
        HDFS.mkdirs("/data/permission-dir");
        HDFS.chmod("/data/permission-dir", (short) 0750);
        TargetCopies.mkdir(HDFS.getFileSystem(), "/data/permission-dir", target, "t/data/permission-dir");
        final FileVerifier withMetadata = new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(VerificationDepth.QUICK)
                .withCompareMetadata(true), null);

        final FileVerification same = withMetadata.verify("/data/permission-dir", "t/data/permission-dir", null);
        target.getDirectoryClient("t/data/permission-dir").setPermissions(PathPermissions.parseOctal("0755"), null, null);
        final FileVerification changed = withMetadata.verify("/data/permission-dir", "t/data/permission-dir", null);

        assertEquals(VerificationOutcome.VERIFIED, same.outcome(), same.explanation());
        assertEquals(VerificationOutcome.MISMATCH, changed.outcome());
        assertEquals(VerificationCheck.METADATA, changed.check());
        assertEquals("Metadata differs: permission rwxr-x--- vs target rwxr-xr-x", changed.explanation());
    }

    @Test
    void deletedPathIsVerifiedAbsent() throws Exception {
        copied("/data/deleted", 10, 14);
        final FileVerifier verifier = verifier(VerificationDepth.QUICK);
        HDFS.delete("/data/deleted");

        assertEquals(VerificationOutcome.MISMATCH, verifier.verifyDeleted("/data/deleted", "t/data/deleted").outcome());
        target.getFileClient("t/data/deleted").delete();
        assertEquals(VerificationOutcome.VERIFIED, verifier.verifyDeleted("/data/deleted", "t/data/deleted").outcome());
    }

    private static FileVerifier verifier(final VerificationDepth depth) {
        return new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(depth), CallRateLimiter.unlimited());
    }

    private static byte[] copied(final String sourcePath, final int length, final long seed) throws IOException {
        final byte[] bytes = HDFS.writeRandom(sourcePath, length, seed);
        TargetCopies.copy(HDFS.getFileSystem(), sourcePath, target, "t" + sourcePath);
        return bytes;
    }

    private static void writeSource(final String path, final byte[] bytes, final long blockSize, final DataChecksum.Type type) throws IOException {
        final FileSystem fileSystem = HDFS.getFileSystem();
        try (FSDataOutputStream out = fileSystem.create(new Path(path), FsPermission.getFileDefault(), EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
                4096, (short) 1, blockSize, null, new ChecksumOpt(type, blockSize < BLOCK ? 1024 : 512))) {
            out.write(bytes);
        }
    }

    private static byte[] randomBytes(final int length, final long seed) {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static long requestsOf(final String method, final String targetPath) {
        return ADLS.getEmulator().requestLog().stream()
                .filter(request -> request.method().equals(method) && request.path().endsWith("/" + targetPath)).count();
    }
}
