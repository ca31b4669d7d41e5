package io.nififusion.core.verify;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.FileRange;
import io.nififusion.core.checksum.SourceChecksum;
import io.nififusion.core.target.TargetPathProperties;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;

/**
 * Obtains the CRC32C of each side of one file for a verification (DESIGN §3): the source's COMPOSITE_CRC (rate
 * limited, it costs the DataNodes), the CRC32C recorded at the target (quick) or the target's bytes read back (deep);
 * a side that cannot give one cheaply is read instead when the options allow, and the comparison notes so.
 */
final class ChecksumReader {
    private final FileSystem sourceFileSystem;
    private final DataLakeFileSystemClient targetFileSystem;
    private final VerificationOptions options;
    private final CallRateLimiter checksumRateLimiter;
    private final TargetPathProperties targetProperties;

    ChecksumReader(final FileSystem sourceFileSystem, final DataLakeFileSystemClient targetFileSystem, final VerificationOptions options,
                   final CallRateLimiter checksumRateLimiter) {
        this.sourceFileSystem = sourceFileSystem;
        this.targetFileSystem = targetFileSystem;
        this.options = options;
        this.checksumRateLimiter = checksumRateLimiter;
        this.targetProperties = TargetPathProperties.of(targetFileSystem);
    }

    void readSource(final SourceFileState before, final PathComparison comparison) throws IOException, InterruptedException {
        checksumRateLimiter.acquire();
        final Path path = new Path(before.path());
        final SourceChecksum checksum = SourceChecksum.read(sourceFileSystem, path, before.length(), before.encrypted());
        if (checksum.isAvailable()) {
            comparison.sourceCrc32c = checksum.crc32c();
            comparison.sourceChecksumSource = ChecksumSource.SOURCE_COMPOSITE_CRC;
            return;
        }
        if (!options.readWhenChecksumUnavailable()) {
            comparison.note("Source checksum unavailable: " + checksum.unavailableReason());
            return;
        }
        final Crc32cDigest digest;
        try (InputStream in = sourceFileSystem.open(path)) {
            digest = Crc32cDigest.of(in);
        }
        comparison.bytesRead += digest.length();
        if (digest.length() != before.length()) {
            comparison.sourceChanged = true;
            return;
        }
        comparison.sourceCrc32c = digest.crc32c();
        comparison.sourceChecksumSource = ChecksumSource.SOURCE_BYTES;
        comparison.note("Source bytes read to compute CRC32C because no CRC32C-compatible checksum was available: " + checksum.unavailableReason());
    }

    void readTarget(final TargetFileState target, final PathComparison comparison) throws IOException {
        if (options.depth() == VerificationDepth.QUICK) {
            final TargetVersion recorded = target.recordedVersion();
            if (recorded != null && recorded.crc32c() != null) {
                comparison.targetCrc32c = recorded.crc32c();
                comparison.targetChecksumSource = ChecksumSource.TARGET_RECORDED;
                return;
            }
            if (!options.readWhenChecksumUnavailable()) {
                comparison.note("Target checksum unavailable: no " + TargetVersion.CRC32C_KEY + " metadata recorded at the target");
                return;
            }
            comparison.note("Target bytes read because no " + TargetVersion.CRC32C_KEY + " metadata is recorded at the target");
        }
        final Crc32cDigest digest = readTargetBytes(target);
        comparison.bytesRead += digest.length();
        if (digest.length() != target.length()) {
            comparison.targetChanged = true;
            return;
        }
        comparison.targetCrc32c = digest.crc32c();
        comparison.targetChecksumSource = ChecksumSource.TARGET_BYTES;
    }

    /**
     * Reads exactly the version that was listed (If-Match on its ETag), in ranged reads of bounded size: one HEAD and
     * one GET per block, the CRC32C computed as the bytes arrive.
     */
    private Crc32cDigest readTargetBytes(final TargetFileState target) throws IOException {
        final DataLakeFileClient fileClient = targetFileSystem.getFileClient(target.path());
        final DataLakeRequestConditions conditions = new DataLakeRequestConditions();
        if (target.eTag() != null) {
            // a target that changed since it was listed is normal on a live source: found by a quiet HEAD first, so that
            // a ranged read refuses (and the SDK logs an ERROR) only in the instant between the two
            targetProperties.requireVersion(target.path(), target.eTag());
            conditions.setIfMatch(target.eTag());
        }
        final Crc32cDigest.Sink digest = new Crc32cDigest.Sink();
        for (long offset = 0; offset < target.length(); offset += options.readBlockSize()) {
            final long count = Math.min(options.readBlockSize(), target.length() - offset);
            fileClient.readWithResponse(digest, new FileRange(offset, count), null, conditions, false, null, Context.NONE);
        }
        return digest.digest();
    }
}
