package io.nififusion.core.restore;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathProperties;
import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.checksum.SourceChecksum;
import io.nififusion.core.copy.ReplicationErrorClassifier;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.target.TargetPathProperties;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Restores one target path to HDFS with the guarantees of replication, in reverse:
 * <ul>
 * <li><b>never partial</b>: the bytes go to hidden files next to the final path, which appears by one rename only when
 * complete, checked and owned right;</li>
 * <li><b>never stale</b>: every read is conditional on the ETag of the version planned (If-Match); a copy that changes
 * meanwhile starts over from a fresh look;</li>
 * <li><b>checked</b>: the CRC32C of the bytes read must equal the one the target recorded when they were copied (else the
 * copy is damaged), and the file HDFS stored must give the same COMPOSITE_CRC;</li>
 * <li><b>parallel</b>: HDFS has one writer per file, so a big file is cut into parts, each read with its own ranged
 * request and written to its own hidden file by its own writer at once, and joined by one
 * {@code DistributedFileSystem.concat} (a NameNode operation that moves blocks, no bytes); in an encryption zone, where
 * concat is refused, it goes as one part;</li>
 * <li><b>resumable</b>: finished parts carry a marker naming the version and range; a retry of a stopped or failed restore
 * keeps them and writes only the rest.</li>
 * </ul>
 */
public final class HdfsRestorer {
    private final SourceAccess hdfs;
    private final DataLakeFileSystemClient target;
    private final TargetPathProperties properties;
    private final RestoreSettings settings;
    private final ReplicationErrorClassifier classifier;
    private final RestoreTempNames tempNames;
    private final ParallelPartWrites partWrites;
    private final RestoreProof proof;
    private final HdfsRenameCommit renameCommit;

    public HdfsRestorer(final SourceAccess hdfs, final DataLakeFileSystemClient target, final RestoreSettings settings, final Executor executor,
                        final String authenticationMode) {
        this.hdfs = hdfs;
        this.target = target;
        this.properties = TargetPathProperties.of(target);
        this.settings = settings;
        this.classifier = new ReplicationErrorClassifier(authenticationMode);
        this.tempNames = new RestoreTempNames(settings.tempPrefix());
        this.partWrites = new ParallelPartWrites(new PartWriter(hdfs, target, classifier), settings.parallelParts(), executor, classifier);
        this.proof = new RestoreProof(hdfs);
        this.renameCommit = new HdfsRenameCommit(hdfs);
    }

    /** @param keepRunning checked while bytes flow; false stops the restore with {@link ReplicationErrorCode#INTERRUPTED}, finished parts kept */
    public RestoreOutcome restore(final RestoreRequest request, final BooleanSupplier keepRunning) throws ReplicationException {
        final String destination = checkedDestination(request.destinationPath());
        String tempPath = tempNames.isTempOf(request.resumeTempPath(), destination) ? request.resumeTempPath() : null;
        int partCount = 0;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                final PathProperties copy = properties.readOrNull(request.targetPath());
                if (copy == null) {
                    throw new ReplicationException(ReplicationErrorCode.RESTORE_PATH_NOT_FOUND, "Target " + request.targetPath()
                            + " does not exist (deleted, purged from the trash, or never copied): nothing to restore", null);
                }
                if (Boolean.TRUE.equals(copy.isDirectory())) {
                    deleteParts(tempPath, partCount);
                    return restoreDirectory(request.targetPath(), destination, attempt);
                }
                checkVersion(request, copy);
                if (tempPath == null) {
                    tempPath = tempNames.newTempPath(destination);
                }
                final FilePlan plan = plan(request.targetPath(), destination, copy, tempPath);
                if (plan.decided() != null) {
                    deleteParts(tempPath, partCount);
                    return plan.decided().withAttempts(attempt);
                }
                partCount = plan.parts().size();
                final RestoreOutcome outcome = restoreFile(plan, attempt, keepRunning);
                if (outcome != null) {
                    return outcome;
                }
                // the target copy or the destination changed: the parts are gone, look again
                tempPath = null;
                partCount = 0;
            } catch (final ReplicationException e) {
                throw kept(e, tempPath, partCount);
            } catch (final IOException | RuntimeException e) {
                throw kept(classifier.classify(e, "Restoring " + request.targetPath() + " to " + destination), tempPath, partCount);
            }
        }
        throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE, true, null, "Target " + request.targetPath()
                + " or HDFS " + destination + " changed during each of " + settings.maxAttempts() + " restore attempts; nothing restored", null);
    }

    /**
     * A transient failure keeps the finished parts for the retry, which the temp path names; a permanent one removes
     * them. When HDFS cannot remove them now (the NameNode restarting), the record goes to retry with the temp named
     * instead, so the retry removes them before it fails for good; only a removal HDFS refuses for good (a permission)
     * leaves them, hidden, to the sweep of leftovers the operations guide describes.
     */
    private ReplicationException kept(final ReplicationException failure, final String tempPath, final int partCount) {
        if (failure.isTransient() && tempPath != null) {
            return failure.withResumableTempPath(tempPath);
        }
        final IOException notRemoved = deleteParts(tempPath, partCount);
        if (notRemoved != null) {
            final ReplicationException cleanup = classifier.classify(notRemoved, "Removing the restore temp " + tempPath);
            // one HDFS will never allow (a permission) leaves the temp to the operator's sweep of hidden leftovers
            if (cleanup.isTransient()) {
                return new ReplicationException(cleanup.getCode(), true, null, failure.getMessage() + "; its temp " + tempPath
                        + " could not be removed yet, the retry removes it: " + cleanup.getMessage(), failure).withResumableTempPath(tempPath);
            }
        }
        return failure;
    }

    private static String checkedDestination(final String destinationPath) throws ReplicationException {
        if (destinationPath == null || !destinationPath.startsWith("/") || destinationPath.equals("/")) {
            throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "Restore destination [" + destinationPath
                    + "] must be an absolute HDFS path below /", null);
        }
        for (final String segment : destinationPath.substring(1).split("/", -1)) {
            if (segment.isEmpty() || ".".equals(segment) || "..".equals(segment)) {
                throw new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, "Restore destination [" + destinationPath
                        + "] must not contain empty, '.' or '..' segments", null);
            }
        }
        return destinationPath;
    }

    /** An as-of listing chose a version for its time: a younger one found now is not that version. */
    private static void checkVersion(final RestoreRequest request, final PathProperties copy) throws ReplicationException {
        if (request.asOf() == null || request.listedEtag() == null || request.listedEtag().equals(copy.getETag())) {
            return;
        }
        final TargetVersion version = TargetVersion.fromMetadata(copy.getMetadata());
        final Instant versionTime = version != null ? Instant.ofEpochMilli(version.modificationTime()) : copy.getLastModified().toInstant();
        if (versionTime.isAfter(request.asOf())) {
            throw new ReplicationException(ReplicationErrorCode.RESTORE_VERSION_CHANGED, "Target " + request.targetPath()
                    + " changed since it was listed as of " + request.asOf() + " and now holds a version of " + versionTime
                    + ": list again to find the version of that time", null);
        }
    }

    /**
     * What a file restore works from.
     *
     * @param decided the outcome when nothing has to be written, else null
     */
    private record FilePlan(String targetPath, String destination, String tempPath, PathProperties copy, TargetVersion version,
                            FileStatus existing, List<RestorePart> parts, boolean encrypted, RestoreOutcome decided) {
    }

    private FilePlan plan(final String targetPath, final String destination, final PathProperties copy, final String tempPath)
            throws IOException, ReplicationException {
        final TargetVersion version = TargetVersion.fromMetadata(copy.getMetadata());
        final Long recorded = version == null ? null : version.crc32c();
        final FileStatus existing = statOrNull(destination);
        if (existing != null) {
            if (existing.isDirectory()) {
                throw new ReplicationException(ReplicationErrorCode.RESTORE_DESTINATION_EXISTS, "HDFS " + destination
                        + " is a directory where the target holds a file; nothing restored", null);
            }
            if (existing.getLen() == copy.getFileSize() && recorded != null) {
                final SourceChecksum held = hdfs.execute(fileSystem -> SourceChecksum.read(fileSystem, new Path(destination), existing.getLen()));
                if (held.isAvailable() && held.crc32c().equals(recorded)) {
                    final RestoredAccess access = applyAccess(new Path(destination), targetPath, version);
                    return decided(RestoreOutcome.skipped(destination, recorded, "HDFS already holds these bytes (CRC32C "
                            + Crc32cFormat.format(recorded) + ")" + (access == null ? "" : "; " + access.describe())));
                }
            }
            if (settings.existingFilePolicy() == ExistingFilePolicy.KEEP) {
                return decided(RestoreOutcome.skipped(destination, null,
                        "HDFS holds another file at " + destination + "; the Existing File Policy keeps it"));
            }
            if (settings.existingFilePolicy() == ExistingFilePolicy.FAIL) {
                throw new ReplicationException(ReplicationErrorCode.RESTORE_DESTINATION_EXISTS, "HDFS holds another file at " + destination
                        + " and the Existing File Policy is to fail; nothing restored", null);
            }
        }
        final Path parent = new Path(destination).getParent();
        final boolean encrypted = hdfs.execute(fileSystem -> {
            fileSystem.mkdirs(parent);
            return fileSystem instanceof DistributedFileSystem dfs && inEncryptionZone(dfs, parent);
        });
        final boolean concatenates = !encrypted && hdfs.execute(fileSystem -> fileSystem instanceof DistributedFileSystem);
        final List<RestorePart> parts = RestorePart.plan(copy.getFileSize(), concatenates ? settings.partSize() : Math.max(1, copy.getFileSize()));
        return new FilePlan(targetPath, destination, tempPath, copy, version, existing, parts, encrypted, null);
    }

    private static FilePlan decided(final RestoreOutcome outcome) {
        return new FilePlan(null, null, null, null, null, null, List.of(), false, outcome);
    }

    private static boolean inEncryptionZone(final DistributedFileSystem dfs, final Path directory) {
        try {
            return dfs.getEZForPath(directory) != null;
        } catch (final IOException e) {
            // when it cannot be told, the file goes as one part, which works in and out of a zone
            return true;
        }
    }

    /** @return the outcome, or null when the target copy or the destination changed and the restore must look again */
    private RestoreOutcome restoreFile(final FilePlan plan, final int attempt, final BooleanSupplier keepRunning)
            throws IOException, ReplicationException {
        final String etag = plan.copy().getETag();
        final List<PartWriter.WrittenPart> written = partWrites.write(plan.targetPath(), plan.tempPath(), plan.parts(), etag, keepRunning);
        if (written == null) {
            deleteParts(plan.tempPath(), plan.parts().size());
            return null;
        }
        final Path temp = new Path(plan.tempPath());
        if (plan.parts().size() > 1) {
            final Path[] others = new Path[plan.parts().size() - 1];
            for (int index = 1; index < plan.parts().size(); index++) {
                others[index - 1] = new Path(RestoreTempNames.partPath(plan.tempPath(), index));
            }
            hdfs.execute(fileSystem -> {
                ((DistributedFileSystem) fileSystem).concat(temp, others);
                return null;
            });
        }
        long crc32c = 0;
        long bytesRead = 0;
        long bytesResumed = 0;
        for (final PartWriter.WrittenPart part : written) {
            crc32c = Crc32cCombination.combine(crc32c, part.crc32c(), part.part().length());
            if (part.resumed()) {
                bytesResumed += part.part().length();
            } else {
                bytesRead += part.part().length();
            }
        }
        final String proven = proof.prove(plan.targetPath(), plan.version(), plan.copy().getFileSize(), temp, plan.encrypted(), crc32c);
        // part 0 is the file: its marker is restore bookkeeping the source never had, and must not reach the final path
        hdfs.execute(fileSystem -> {
            fileSystem.removeXAttr(temp, PartWriter.PART_XATTR);
            return null;
        });
        final RestoredAccess access = applyAccess(temp, plan.targetPath(), plan.version());
        if (!renameCommit.commit(plan.destination(), plan.existing(), temp)) {
            hdfs.execute(fileSystem -> fileSystem.delete(temp, false));
            return null;
        }
        return RestoreOutcome.restored(plan.destination(), bytesRead, bytesResumed, crc32c,
                "Restored " + plan.copy().getFileSize() + " bytes in " + plan.parts().size() + " part" + (plan.parts().size() == 1 ? "" : "s")
                        + (bytesResumed > 0 ? " (" + bytesResumed + " bytes of finished parts kept from an earlier attempt)" : "")
                        + "; " + proven + (access == null ? "" : "; " + access.describe())).withAttempts(attempt);
    }

    /** Permission, owner and group (through the reverse identity mapping) and the recorded source times, on the path before it is final. */
    private RestoredAccess applyAccess(final Path path, final String targetPath, final TargetVersion version) throws IOException {
        final RestoredAccess access = settings.permissions() || settings.ownership()
                ? RestoredAccess.of(target.getFileClient(targetPath).getAccessControl(), settings.identityMapping()) : null;
        hdfs.execute(fileSystem -> {
            if (access != null && settings.permissions()) {
                fileSystem.setPermission(path, access.permission());
            }
            if (access != null && settings.ownership() && (access.owner() != null || access.group() != null)) {
                fileSystem.setOwner(path, access.owner(), access.group());
            }
            if (settings.times() && version != null && version.modificationTime() >= 0) {
                fileSystem.setTimes(path, version.modificationTime(), -1);
            }
            return null;
        });
        return access;
    }

    private RestoreOutcome restoreDirectory(final String targetPath, final String destination, final int attempt) throws IOException, ReplicationException {
        final FileStatus existing = statOrNull(destination);
        if (existing != null && !existing.isDirectory()) {
            throw new ReplicationException(ReplicationErrorCode.RESTORE_DESTINATION_EXISTS, "HDFS " + destination
                    + " is a file where the target holds a directory; nothing restored", null);
        }
        if (existing == null) {
            hdfs.execute(fileSystem -> fileSystem.mkdirs(new Path(destination)));
        }
        final RestoredAccess access = applyAccess(new Path(destination), targetPath, null);
        return RestoreOutcome.directory(destination, existing == null,
                (existing == null ? "Created directory" : "Directory existed") + (access == null ? "" : "; " + access.describe())).withAttempts(attempt);
    }

    private FileStatus statOrNull(final String path) throws IOException {
        return hdfs.execute(fileSystem -> statOrNull(fileSystem, path));
    }

    /** The path's status, or null where HDFS has nothing. */
    static FileStatus statOrNull(final org.apache.hadoop.fs.FileSystem fileSystem, final String path) throws IOException {
        try {
            return fileSystem.getFileStatus(new Path(path));
        } catch (final FileNotFoundException e) {
            return null;
        }
    }

    /**
     * Removes the temp and the parts of an attempt that will not be resumed. When their number is not known (a resumed
     * attempt that ended before planning), the directory is searched for them. What cannot be removed now has no
     * marker a retry would trust for another version.
     *
     * @return why they could not be removed, or null when they are gone
     */
    private IOException deleteParts(final String tempPath, final int partCount) {
        if (tempPath == null) {
            return null;
        }
        try {
            hdfs.execute(fileSystem -> {
                final Path temp = new Path(tempPath);
                if (partCount > 0) {
                    for (int index = 0; index < partCount; index++) {
                        fileSystem.delete(new Path(RestoreTempNames.partPath(tempPath, index)), false);
                    }
                    return null;
                }
                fileSystem.delete(temp, false);
                final String partPrefix = RestoreTempNames.partPath(temp.getName(), 1);
                final String prefix = partPrefix.substring(0, partPrefix.length() - 1);
                for (final FileStatus part : fileSystem.listStatus(temp.getParent(), path -> path.getName().startsWith(prefix))) {
                    fileSystem.delete(part.getPath(), false);
                }
                return null;
            });
            return null;
        } catch (final IOException e) {
            // hidden names: never read as data, and a later restore of the path writes under a new attempt id
            return e;
        } catch (final RuntimeException e) {
            return new IOException(e);
        }
    }
}
