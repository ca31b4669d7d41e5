package io.nififusion.hive.metastore;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathProperties;
import io.nififusion.core.ErrorMessages;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.target.TargetPathProperties;
import io.nififusion.core.verify.CallRateLimiter;
import io.nififusion.core.verify.FileVerification;
import io.nififusion.core.verify.FileVerifier;
import io.nififusion.core.verify.VerificationDepth;
import io.nififusion.core.verify.VerificationOptions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A partition's data has converged when every file under its source directory is at the mapped target path with the
 * CRC32C the copier recorded equal to the source's COMPOSITE_CRC (VerifyChecksum's quick depth: no bytes read on either
 * side), and the directory itself exists at the target. Files Hive ignores (names starting with {@code _} or {@code .},
 * such as {@code _SUCCESS} and staging directories) are not waited for. A source directory that does not exist has
 * nothing to wait for.
 */
public final class ReplicatedDataCheck implements PartitionDataCheck {
    private final SourceAccess source;
    private final DataLakeFileSystemClient target;
    private final TargetPathProperties targetProperties;
    private final LocationMapper locations;

    public ReplicatedDataCheck(final SourceAccess source, final DataLakeFileSystemClient target, final LocationMapper locations) {
        this.source = source;
        this.target = target;
        this.targetProperties = TargetPathProperties.of(target);
        this.locations = locations;
    }

    @Override
    public String pendingReason(final String sourcePath, final String targetPath) throws MetastoreReplicationException {
        try {
            return source.execute(fileSystem -> check(fileSystem, sourcePath, targetPath));
        } catch (final IOException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.SOURCE_UNAVAILABLE, "Cannot read the partition's data at the source ["
                    + sourcePath + "]: " + ErrorMessages.describe(e), e);
        } catch (final RuntimeException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.UNEXPECTED, "Cannot check the partition's data at the target ["
                    + targetPath + "]: " + ErrorMessages.describe(e), e);
        }
    }

    private String check(final FileSystem fileSystem, final String sourcePath, final String targetPath) throws IOException {
        final FileStatus root;
        try {
            root = fileSystem.getFileStatus(new Path(sourcePath));
        } catch (final FileNotFoundException e) {
            return null;
        }
        if (!root.isDirectory()) {
            return "The partition location " + sourcePath + " is a file at the source, not a directory";
        }
        // quiet: a directory not there yet is the normal answer here, which the SDK's own exists() would log
        final PathProperties directory = targetProperties.readOrNull(targetPath);
        if (directory == null || !Boolean.TRUE.equals(directory.isDirectory())) {
            return "The partition directory " + targetPath + " is not at the target yet";
        }
        final FileVerifier verifier = new FileVerifier(fileSystem, target, VerificationOptions.of(VerificationDepth.QUICK).withReadWhenChecksumUnavailable(false),
                CallRateLimiter.unlimited());
        final Deque<Path> directories = new ArrayDeque<>();
        directories.push(root.getPath());
        while (!directories.isEmpty()) {
            final FileStatus[] children;
            try {
                children = fileSystem.listStatus(directories.pop());
            } catch (final FileNotFoundException e) {
                continue;
            }
            for (final FileStatus child : children) {
                final String name = child.getPath().getName();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                if (child.isDirectory()) {
                    directories.push(child.getPath());
                    continue;
                }
                final String childSource = child.getPath().toUri().getPath();
                final String childTarget;
                try {
                    childTarget = locations.getPathMapper().toTargetPath(childSource);
                } catch (final IllegalArgumentException e) {
                    return "The file " + childSource + " has no target path: " + e.getMessage();
                }
                final FileVerification verification;
                try {
                    verification = verifier.verify(childSource, childTarget, null);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "Interrupted while checking " + childSource;
                }
                if (!verification.isVerified()) {
                    return "The file " + childSource + " has not converged at the target (" + verification.outcome() + "): " + verification.explanation();
                }
            }
        }
        return null;
    }
}
