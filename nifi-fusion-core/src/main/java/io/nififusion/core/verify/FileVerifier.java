package io.nififusion.core.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares one source path with its target path: existence, type, size, checksum and, when asked, metadata: the
 * permission bits ReplicateToADLS applies (files and directories) and the source version recorded at the target (files).
 * Quick depth reads no file bytes; deep depth reads the target bytes back. Whichever side
 * cannot give a CRC32C cheaply is read instead when allowed, and the verdict says so; a checksum nobody could obtain
 * makes the file {@link VerificationOutcome#UNVERIFIED}, never verified. The checksums are {@link ChecksumReader}'s,
 * the metadata differences {@link MetadataComparator}'s.
 * <p>
 * The source state is taken before the checksums and again after them: a file whose length, modification time or
 * inode changed in between is {@link VerificationOutcome#CHANGED}, not a mismatch.
 */
public final class FileVerifier {
    private static final String TARGET_DISAPPEARED = "The target path disappeared during verification";
    private static final String SOURCE_DELETED = "The source was deleted during verification";

    private final FileSystem sourceFileSystem;
    private final DataLakeFileSystemClient targetFileSystem;
    private final VerificationOptions options;
    private final ChecksumReader checksums;
    private final MetadataComparator metadata;

    public FileVerifier(final FileSystem sourceFileSystem, final DataLakeFileSystemClient targetFileSystem, final VerificationOptions options,
                        final CallRateLimiter checksumRateLimiter) {
        this.sourceFileSystem = Objects.requireNonNull(sourceFileSystem, "Source file system required");
        this.targetFileSystem = Objects.requireNonNull(targetFileSystem, "Target file system required");
        this.options = Objects.requireNonNull(options, "Options required");
        this.checksums = new ChecksumReader(sourceFileSystem, targetFileSystem, options,
                checksumRateLimiter == null ? CallRateLimiter.unlimited() : checksumRateLimiter);
        this.metadata = new MetadataComparator(targetFileSystem);
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
            return new PathComparison(sourcePath, targetPath, expected != null && expected.directory())
                    .changed("The source path no longer exists: it was deleted or renamed after it was listed");
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
        final PathComparison comparison = new PathComparison(sourcePath, targetPath, false);
        if (sourceFileSystem.exists(new Path(sourcePath))) {
            return comparison.changed("The source path exists again: it was re-created after the delete");
        }
        final TargetFileState target = fetchTarget(targetPath);
        if (target == null) {
            return comparison.finish(VerificationOutcome.VERIFIED, null, "Absent at the source and at the target");
        }
        final PathComparison present = new PathComparison(sourcePath, targetPath, target.directory());
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
        final PathComparison comparison = new PathComparison(before.path(), targetPath, before.directory());
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
            return compareDirectory(before, targetPath, comparison);
        }
        if (before.length() != target.length()) {
            final String pending = pendingCopy(before, targetPath, target);
            if (pending != null) {
                return comparison.changed(pending);
            }
            return comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.SIZE,
                    "The source holds " + before.length() + " bytes, the target " + target.length());
        }
        return compareFile(before, targetPath, target, comparison);
    }

    private FileVerification compareDirectory(final SourceFileState before, final String targetPath, final PathComparison comparison)
            throws IOException {
        if (!options.compareMetadata()) {
            return comparison.finish(VerificationOutcome.VERIFIED, null, "Directory present at the target");
        }
        final FsPermission sourcePermission = before.permission() != null ? before.permission()
                : sourceFileSystem.getFileStatus(new Path(before.path())).getPermission();
        final MetadataComparator.TargetPermission targetPermission = metadata.fetchPermission(targetPath, true);
        if (!targetPermission.exists()) {
            return comparison.changed(TARGET_DISAPPEARED);
        }
        final String permissionDifference = MetadataComparator.describePermissionDifference(sourcePermission, targetPermission);
        if (permissionDifference != null) {
            return comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.METADATA, "Metadata differs: " + permissionDifference);
        }
        return comparison.finish(VerificationOutcome.VERIFIED, null, "Directory present at the target with the same permission bits");
    }

    /** A file of the same length on both sides: checksums, the source's stability, then metadata when asked. */
    private FileVerification compareFile(final SourceFileState before, final String targetPath, final TargetFileState target,
                                         final PathComparison comparison) throws IOException, InterruptedException {
        TargetFileState targetWithMetadata = target;
        final boolean metadataNeeded = options.compareMetadata() || options.depth() == VerificationDepth.QUICK;
        if (metadataNeeded && !target.metadataFetched()) {
            targetWithMetadata = fetchTarget(targetPath);
            if (targetWithMetadata == null) {
                return comparison.changed(TARGET_DISAPPEARED);
            }
            if (targetWithMetadata.directory() || targetWithMetadata.length() != target.length()) {
                return comparison.changed("The target changed during verification");
            }
        }
        try {
            checksums.readSource(before, comparison);
        } catch (final FileNotFoundException e) {
            return comparison.changed(SOURCE_DELETED);
        }
        if (comparison.sourceChanged) {
            return comparison.changed("The source length changed while it was read");
        }
        try {
            checksums.readTarget(targetWithMetadata, comparison);
        } catch (final IOException | RuntimeException e) {
            if (TargetErrors.statusOf(e) == TargetErrors.PRECONDITION_FAILED || TargetErrors.statusOf(e) == TargetErrors.NOT_FOUND) {
                return comparison.changed("The target changed while it was read");
            }
            throw e;
        }
        if (comparison.targetChanged) {
            return comparison.changed("The target length changed while it was read");
        }
        final SourceFileState after;
        try {
            after = SourceFileState.of(before.path(), sourceFileSystem.getFileStatus(new Path(before.path())));
        } catch (final FileNotFoundException e) {
            return comparison.changed(SOURCE_DELETED);
        }
        if (!before.sameVersionAs(after)) {
            return comparison.changed("The source changed during verification (length " + before.length() + " -> " + after.length()
                    + ", modification time " + before.modificationTime() + " -> " + after.modificationTime() + ")");
        }
        return checksumVerdict(after, targetPath, targetWithMetadata, comparison);
    }

    private FileVerification checksumVerdict(final SourceFileState after, final String targetPath, final TargetFileState targetWithMetadata,
                                             final PathComparison comparison) throws IOException {
        final ChecksumMatch match = ChecksumMatch.of(comparison.sourceCrc32c, comparison.targetCrc32c);
        if (match == ChecksumMatch.UNAVAILABLE) {
            return comparison.finish(VerificationOutcome.UNVERIFIED, VerificationCheck.CHECKSUM, "Checksum unavailable, equality not proven");
        }
        if (match == ChecksumMatch.MISMATCH) {
            final String pending = pendingCopy(after, targetPath, targetWithMetadata);
            if (pending != null) {
                return comparison.changed(pending);
            }
            return comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.CHECKSUM,
                    "Source CRC32C " + Crc32cFormat.format(comparison.sourceCrc32c) + " (" + comparison.sourceChecksumSource.getValue() + ") differs from target CRC32C "
                            + Crc32cFormat.format(comparison.targetCrc32c) + " (" + comparison.targetChecksumSource.getValue() + ")");
        }
        if (options.compareMetadata()) {
            final FileVerification metadataVerdict = compareFileMetadata(after, targetPath, targetWithMetadata, comparison);
            if (metadataVerdict != null) {
                return metadataVerdict;
            }
        }
        return comparison.finish(VerificationOutcome.VERIFIED, null, "CRC32C " + Crc32cFormat.format(comparison.sourceCrc32c) + " ("
                + comparison.sourceChecksumSource.getValue() + ") equals " + comparison.targetChecksumSource.getValue());
    }

    /** @return the verdict when the metadata differs or the target vanished, null when the metadata agrees */
    private FileVerification compareFileMetadata(final SourceFileState after, final String targetPath, final TargetFileState targetWithMetadata,
                                                 final PathComparison comparison) {
        final MetadataComparator.TargetPermission targetPermission = metadata.fetchPermission(targetPath, false);
        if (!targetPermission.exists()) {
            return comparison.changed(TARGET_DISAPPEARED);
        }
        final List<String> differences = new ArrayList<>();
        final String permissionDifference = MetadataComparator.describePermissionDifference(after.permission(), targetPermission);
        if (permissionDifference != null) {
            differences.add(permissionDifference);
        }
        final TargetVersion recorded = targetWithMetadata.recordedVersion();
        final String versionDifference = MetadataComparator.describeVersionDifference(after, recorded);
        if (versionDifference != null && recorded != null) {
            // same bytes, another recorded version (a touch, a chmod racing a copy): the record that changed it is pending
            return comparison.changed(versionDifference + "; its record is pending");
        }
        if (versionDifference != null) {
            differences.add(versionDifference);
        }
        return differences.isEmpty() ? null
                : comparison.finish(VerificationOutcome.MISMATCH, VerificationCheck.METADATA, "Metadata differs: " + String.join("; ", differences));
    }

    /**
     * A target that records another version of the source file than the one the source holds now is behind, not wrong:
     * the record of the change is still on its way (DESIGN §2). Reported as changed, so the record is verified again once
     * applied; a target that records the current version and still differs is a mismatch.
     *
     * @return why the difference is a pending copy, or null when it is not
     */
    private String pendingCopy(final SourceFileState source, final String targetPath, final TargetFileState target) {
        final TargetFileState withMetadata = target.metadataFetched() ? target : fetchTarget(targetPath);
        if (withMetadata == null) {
            return TARGET_DISAPPEARED;
        }
        final TargetVersion recorded = withMetadata.recordedVersion();
        if (recorded == null || recorded.sameSourceVersion(source.length(), source.modificationTime(), source.fileId())) {
            return null;
        }
        return "The target holds an earlier source version (length " + recorded.length() + ", modification time " + recorded.modificationTime()
                + ", inode " + recorded.fileId() + ") than the source now (length " + source.length() + ", modification time "
                + source.modificationTime() + ", inode " + source.fileId() + "): its copy is pending";
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
}
