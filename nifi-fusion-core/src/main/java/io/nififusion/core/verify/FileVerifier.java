package io.nififusion.core.verify;

import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.PathAccessControl;
import com.azure.storage.file.datalake.models.PathPermissions;
import com.azure.storage.file.datalake.options.DataLakeFileInputStreamOptions;
import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.checksum.SourceChecksum;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares one source path with its target path: existence, type, size, checksum and, when asked, metadata: the
 * permission bits ReplicateToADLS applies (files and directories) and the source version recorded at the target (files).
 * Quick depth reads no file bytes; deep depth reads the target bytes back. Whichever side
 * cannot give a CRC32C cheaply is read instead when allowed, and the verdict says so; a checksum nobody could obtain
 * makes the file {@link VerificationOutcome#UNVERIFIED}, never verified.
 * <p>
 * The source state is taken before the checksums and again after them: a file whose length, modification time or
 * inode changed in between is {@link VerificationOutcome#CHANGED}, not a mismatch.
 */
public final class FileVerifier {
    private final FileSystem sourceFileSystem;
    private final DataLakeFileSystemClient targetFileSystem;
    private final VerificationOptions options;
    private final CallRateLimiter checksumRateLimiter;

    public FileVerifier(final FileSystem sourceFileSystem, final DataLakeFileSystemClient targetFileSystem, final VerificationOptions options,
                        final CallRateLimiter checksumRateLimiter) {
        this.sourceFileSystem = Objects.requireNonNull(sourceFileSystem, "Source file system required");
        this.targetFileSystem = Objects.requireNonNull(targetFileSystem, "Target file system required");
        this.options = Objects.requireNonNull(options, "Options required");
        this.checksumRateLimiter = checksumRateLimiter == null ? CallRateLimiter.unlimited() : checksumRateLimiter;
    }

    public VerificationOptions getOptions() {
        return options;
    }

    /**
     * Verifies one path, asking both sides for their current state.
     *
     * @param expected the source version the caller believes current (from a replication record), or null; a file that
     *        no longer has it and does not verify is reported changed rather than different
     */
    public FileVerification verify(final String sourcePath, final String targetPath, final SourceFileState expected) throws IOException, InterruptedException {
        final SourceFileState current;
        try {
            current = SourceFileState.of(sourcePath, sourceFileSystem.getFileStatus(new Path(sourcePath)));
        } catch (final FileNotFoundException e) {
            return new Comparison(sourcePath, targetPath, expected != null && expected.directory())
                    .finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The source path no longer exists: it was deleted or renamed after it was listed");
        }
        final FileVerification verification = compare(current, targetPath, fetchTarget(targetPath));
        if (expected != null && verification.outcome() != VerificationOutcome.VERIFIED && !matchesKnownFields(expected, current)) {
            return new FileVerification(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, verification.sourcePath(), verification.targetPath(),
                    verification.directory(), verification.sourceLength(), verification.targetLength(), verification.sourceCrc32c(), verification.targetCrc32c(),
                    verification.sourceChecksumSource(), verification.targetChecksumSource(),
                    "The source changed since the record was made (record length " + expected.length() + ", modification time " + expected.modificationTime()
                            + "; now " + current.length() + ", " + current.modificationTime() + "); without the change: " + verification.explanation(),
                    verification.bytesRead());
        }
        return verification;
    }

    /**
     * Verifies that a path deleted at the source is gone from the target too.
     *
     * @return verified when absent on both sides, a mismatch (existence) when the target still holds it, changed when
     *         the source path exists again
     */
    public FileVerification verifyDeleted(final String sourcePath, final String targetPath) throws IOException {
        final Comparison comparison = new Comparison(sourcePath, targetPath, false);
        if (sourceFileSystem.exists(new Path(sourcePath))) {
            return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The source path exists again: it was re-created after the delete");
        }
        final TargetFileState target = fetchTarget(targetPath);
        if (target == null) {
            return comparison.finish(VerificationOutcome.VERIFIED, null, "Absent at the source and at the target");
        }
        final Comparison present = new Comparison(sourcePath, targetPath, target.directory());
        present.targetLength = target.directory() ? -1 : target.length();
        return present.finish(VerificationOutcome.MISMATCH, VerificationCheck.EXISTENCE, "Deleted at the source, still present at the target");
    }

    /** The target path's properties, or null when nothing is there. */
    public TargetFileState fetchTarget(final String targetPath) {
        return TargetFileState.fetch(targetFileSystem, targetPath);
    }

    /**
     * Compares a source state observed earlier (by a listing, or just now) with the target.
     *
     * @param before source state as observed; compared again with the source after the checksums are taken
     * @param target target state, null when nothing is at the target path; fetched again when its metadata is needed
     */
    public FileVerification compare(final SourceFileState before, final String targetPath, final TargetFileState target) throws IOException, InterruptedException {
        final Comparison comparison = new Comparison(before.path(), targetPath, before.directory());
        comparison.sourceLength = before.directory() ? -1 : before.length();
        if (target == null) {
            return comparison.finish(VerificationOutcome.MISSING, VerificationCheck.EXISTENCE, "Nothing at the target path");
        }
        comparison.targetLength = target.directory() ? -1 : target.length();
        if (before.directory() != target.directory()) {
            return comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.TYPE,
                    "The source is a " + typeName(before.directory()) + ", the target a " + typeName(target.directory()));
        }
        if (before.directory()) {
            if (options.compareMetadata()) {
                final FsPermission sourcePermission = before.permission() != null ? before.permission()
                        : sourceFileSystem.getFileStatus(new Path(before.path())).getPermission();
                final TargetPermission targetPermission = fetchPermission(targetPath, true);
                if (!targetPermission.exists()) {
                    return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The target path disappeared during verification");
                }
                final String permissionDifference = describePermissionDifference(sourcePermission, targetPermission);
                if (permissionDifference != null) {
                    return comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.METADATA, "Metadata differs: " + permissionDifference);
                }
                return comparison.finish(VerificationOutcome.VERIFIED, null, "Directory present at the target with the same permission bits");
            }
            return comparison.finish(VerificationOutcome.VERIFIED, null, "Directory present at the target");
        }
        if (before.length() != target.length()) {
            final String pending = pendingCopy(before, targetPath, target);
            if (pending != null) {
                return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, pending);
            }
            return comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.SIZE,
                    "The source holds " + before.length() + " bytes, the target " + target.length());
        }

        TargetFileState targetWithMetadata = target;
        final boolean metadataNeeded = options.compareMetadata() || options.depth() == VerificationDepth.QUICK;
        if (metadataNeeded && !target.metadataFetched()) {
            targetWithMetadata = fetchTarget(targetPath);
            if (targetWithMetadata == null) {
                return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The target path disappeared during verification");
            }
            if (targetWithMetadata.directory() || targetWithMetadata.length() != target.length()) {
                return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The target changed during verification");
            }
        }

        try {
            readSourceChecksum(before, comparison);
        } catch (final FileNotFoundException e) {
            return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The source was deleted during verification");
        }
        if (comparison.sourceChanged) {
            return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The source length changed while it was read");
        }
        try {
            readTargetChecksum(targetWithMetadata, comparison);
        } catch (final IOException | RuntimeException e) {
            if (TargetErrors.statusOf(e) == TargetErrors.PRECONDITION_FAILED || TargetErrors.statusOf(e) == TargetErrors.NOT_FOUND) {
                return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The target changed while it was read");
            }
            throw e;
        }
        if (comparison.targetChanged) {
            return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The target length changed while it was read");
        }

        final SourceFileState after;
        try {
            after = SourceFileState.of(before.path(), sourceFileSystem.getFileStatus(new Path(before.path())));
        } catch (final FileNotFoundException e) {
            return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The source was deleted during verification");
        }
        if (!before.sameVersionAs(after)) {
            return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY,
                    "The source changed during verification (length " + before.length() + " -> " + after.length()
                            + ", modification time " + before.modificationTime() + " -> " + after.modificationTime() + ")");
        }

        final ChecksumMatch match = ChecksumMatch.of(comparison.sourceCrc32c, comparison.targetCrc32c);
        if (match == ChecksumMatch.UNAVAILABLE) {
            return comparison.finish(VerificationOutcome.UNVERIFIED, VerificationCheck.CHECKSUM, "Checksum unavailable, equality not proven");
        }
        if (match == ChecksumMatch.MISMATCH) {
            final String pending = pendingCopy(after, targetPath, targetWithMetadata);
            if (pending != null) {
                return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, pending);
            }
            return comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.CHECKSUM,
                    "Source CRC32C " + Crc32cFormat.format(comparison.sourceCrc32c) + " (" + comparison.sourceChecksumSource.getValue() + ") differs from target CRC32C "
                            + Crc32cFormat.format(comparison.targetCrc32c) + " (" + comparison.targetChecksumSource.getValue() + ")");
        }
        if (options.compareMetadata()) {
            final TargetPermission targetPermission = fetchPermission(targetPath, false);
            if (!targetPermission.exists()) {
                return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, "The target path disappeared during verification");
            }
            final List<String> differences = new ArrayList<>();
            final String permissionDifference = describePermissionDifference(after.permission(), targetPermission);
            if (permissionDifference != null) {
                differences.add(permissionDifference);
            }
            final String versionDifference = describeMetadataDifference(after, targetWithMetadata.recordedVersion());
            if (versionDifference != null && targetWithMetadata.recordedVersion() != null) {
                // same bytes, another recorded version (a touch, a chmod racing a copy): the record that changed it is pending
                return comparison.finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, versionDifference + "; its record is pending");
            }
            if (versionDifference != null) {
                differences.add(versionDifference);
            }
            if (!differences.isEmpty()) {
                return comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.METADATA, "Metadata differs: " + String.join("; ", differences));
            }
        }
        return comparison.finish(VerificationOutcome.VERIFIED, null, "CRC32C " + Crc32cFormat.format(comparison.sourceCrc32c) + " ("
                + comparison.sourceChecksumSource.getValue() + ") equals " + comparison.targetChecksumSource.getValue());
    }

    private void readSourceChecksum(final SourceFileState before, final Comparison comparison) throws IOException, InterruptedException {
        checksumRateLimiter.acquire();
        final Path path = new Path(before.path());
        final SourceChecksum checksum = SourceChecksum.read(sourceFileSystem, path, before.length(), before.encrypted());
        if (checksum.isAvailable()) {
            comparison.sourceCrc32c = checksum.crc32c();
            comparison.sourceChecksumSource = ChecksumSource.SOURCE_COMPOSITE_CRC;
            return;
        }
        if (!options.readWhenChecksumUnavailable()) {
            comparison.notes.add("Source checksum unavailable: " + checksum.unavailableReason());
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
        comparison.notes.add("Source bytes read to compute CRC32C because no CRC32C-compatible checksum was available: " + checksum.unavailableReason());
    }

    private void readTargetChecksum(final TargetFileState target, final Comparison comparison) throws IOException {
        if (options.depth() == VerificationDepth.QUICK) {
            final TargetVersion recorded = target.recordedVersion();
            if (recorded != null && recorded.crc32c() != null) {
                comparison.targetCrc32c = recorded.crc32c();
                comparison.targetChecksumSource = ChecksumSource.TARGET_RECORDED;
                return;
            }
            if (!options.readWhenChecksumUnavailable()) {
                comparison.notes.add("Target checksum unavailable: no " + TargetVersion.CRC32C_KEY + " metadata recorded at the target");
                return;
            }
            comparison.notes.add("Target bytes read because no " + TargetVersion.CRC32C_KEY + " metadata is recorded at the target");
        }
        final Crc32cDigest digest = readTarget(target);
        comparison.bytesRead += digest.length();
        if (digest.length() != target.length()) {
            comparison.targetChanged = true;
            return;
        }
        comparison.targetCrc32c = digest.crc32c();
        comparison.targetChecksumSource = ChecksumSource.TARGET_BYTES;
    }

    /** Reads exactly the version that was listed (If-Match on its ETag), in ranged reads of bounded size. */
    private Crc32cDigest readTarget(final TargetFileState target) throws IOException {
        if (target.length() == 0) {
            // Nothing stored to read; a ranged read of an empty blob is refused with 416
            return new Crc32cDigest(0L, 0L);
        }
        final DataLakeFileClient fileClient = targetFileSystem.getFileClient(target.path());
        final DataLakeFileInputStreamOptions inputOptions = new DataLakeFileInputStreamOptions().setBlockSize(options.readBlockSize());
        if (target.eTag() != null) {
            inputOptions.setRequestConditions(new DataLakeRequestConditions().setIfMatch(target.eTag()));
        }
        try (InputStream in = fileClient.openInputStream(inputOptions).getInputStream()) {
            return Crc32cDigest.of(in);
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The target's access control (one HEAD request with action=getAccessControl); absent when nothing is at the path. */
    private TargetPermission fetchPermission(final String targetPath, final boolean directory) {
        try {
            final PathAccessControl accessControl = directory
                    ? targetFileSystem.getDirectoryClient(targetPath).getAccessControl()
                    : targetFileSystem.getFileClient(targetPath).getAccessControl();
            return new TargetPermission(true, accessControl.getPermissions());
        } catch (final RuntimeException e) {
            if (TargetErrors.statusOf(e) == TargetErrors.NOT_FOUND) {
                return new TargetPermission(false, null);
            }
            throw e;
        }
    }

    /**
     * Compares exactly the bits ReplicateToADLS applies (rwx for owner, group and other, and the sticky bit); owner and
     * group are not compared because they reach the target only through an identity mapping the verifier does not have.
     */
    private static String describePermissionDifference(final FsPermission source, final TargetPermission target) {
        if (source == null) {
            return null;
        }
        final int sourceBits = PermissionBits.of(source);
        if (target.permissions() == null) {
            return "permission " + PermissionBits.symbolic(sourceBits) + " vs none reported by the target";
        }
        final int targetBits = PermissionBits.of(target.permissions());
        return sourceBits == targetBits ? null
                : "permission " + PermissionBits.symbolic(sourceBits) + " vs target " + PermissionBits.symbolic(targetBits);
    }

    /**
     * A target that records another version of the source file than the one the source holds now is behind, not wrong:
     * the record of the change is still on its way (DESIGN §2). Reported as changed, so the record is verified again once
     * applied; a target that records the current version and still differs is a mismatch.
     *
     * @return why the difference is a pending copy, or null when it is not
     */
    private String pendingCopy(final SourceFileState source, final String targetPath, final TargetFileState target) throws IOException {
        final TargetFileState withMetadata = target.metadataFetched() ? target : fetchTarget(targetPath);
        if (withMetadata == null) {
            return "The target path disappeared during verification";
        }
        final TargetVersion recorded = withMetadata.recordedVersion();
        if (recorded == null || recorded.sameSourceVersion(source.length(), source.modificationTime(), source.fileId())) {
            return null;
        }
        return "The target holds an earlier source version (length " + recorded.length() + ", modification time " + recorded.modificationTime()
                + ", inode " + recorded.fileId() + ") than the source now (length " + source.length() + ", modification time "
                + source.modificationTime() + ", inode " + source.fileId() + "): its copy is pending";
    }

    private static String describeMetadataDifference(final SourceFileState source, final TargetVersion recorded) {
        if (recorded == null) {
            return "no source version (" + TargetVersion.SOURCE_PATH_KEY + ", " + TargetVersion.LENGTH_KEY + ") recorded at the target";
        }
        final List<String> differences = new ArrayList<>();
        // the recorded source path is provenance: a file moved with its directory keeps the name it was copied under
        if (source.length() != recorded.length()) {
            differences.add("length " + source.length() + " vs recorded " + recorded.length());
        }
        if (source.modificationTime() != recorded.modificationTime()) {
            differences.add("modification time " + source.modificationTime() + " vs recorded " + recorded.modificationTime());
        }
        if (source.fileId() != SourceFileState.UNKNOWN_FILE_ID && source.fileId() != recorded.fileId()) {
            differences.add("inode id " + source.fileId() + " vs recorded " + recorded.fileId());
        }
        return differences.isEmpty() ? null : "recorded source version differs: " + String.join(", ", differences);
    }

    /** What the target said about a path's permission bits: whether the path exists, and its bits when reported. */
    private record TargetPermission(boolean exists, PathPermissions permissions) {
    }

    private static boolean matchesKnownFields(final SourceFileState expected, final SourceFileState current) {
        if (expected.length() >= 0 && expected.length() != current.length()) {
            return false;
        }
        if (expected.modificationTime() >= 0 && expected.modificationTime() != current.modificationTime()) {
            return false;
        }
        return expected.fileId() < 0 || expected.fileId() == current.fileId();
    }

    private static String typeName(final boolean directory) {
        return directory ? "directory" : "file";
    }

    /** The values gathered while comparing one path. */
    private static final class Comparison {
        private final String sourcePath;
        private final String targetPath;
        private final boolean directory;
        private final List<String> notes = new ArrayList<>();
        private long sourceLength = -1;
        private long targetLength = -1;
        private Long sourceCrc32c;
        private Long targetCrc32c;
        private ChecksumSource sourceChecksumSource = ChecksumSource.NONE;
        private ChecksumSource targetChecksumSource = ChecksumSource.NONE;
        private long bytesRead;
        private boolean sourceChanged;
        private boolean targetChanged;

        private Comparison(final String sourcePath, final String targetPath, final boolean directory) {
            this.sourcePath = sourcePath;
            this.targetPath = targetPath;
            this.directory = directory;
        }

        private FileVerification finish(final VerificationOutcome outcome, final VerificationCheck check, final String reason) {
            final StringBuilder explanation = new StringBuilder(reason);
            for (final String note : notes) {
                explanation.append(". ").append(note);
            }
            return new FileVerification(outcome, check, sourcePath, targetPath, directory, sourceLength, targetLength, sourceCrc32c, targetCrc32c,
                    sourceChecksumSource, targetChecksumSource, explanation.toString(), bytesRead);
        }
    }
}
