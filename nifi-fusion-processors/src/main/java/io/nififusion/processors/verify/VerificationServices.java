package io.nififusion.processors.verify;

import io.nififusion.core.verify.CallRateLimiter;
import io.nififusion.core.verify.FileVerifier;
import io.nififusion.core.verify.VerificationOptions;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import org.apache.hadoop.fs.FileSystem;

/**
 * What every scope verifies with, resolved once at schedule: both sides, the options and the rate limit shared by all
 * tasks of the processor.
 *
 * @param source the source cluster
 * @param target the target filesystem and path mapping
 * @param options depth, metadata and fallback settings
 * @param checksumRateLimiter bound on source checksum requests per second
 */
record VerificationServices(HdfsSourceService source, FusionTargetService target, VerificationOptions options, CallRateLimiter checksumRateLimiter) {

    /** A verifier over the given source file system (one run as the source user) and the target. */
    FileVerifier verifier(final FileSystem sourceFileSystem) {
        return new FileVerifier(sourceFileSystem, target.getFileSystemClient(), options, checksumRateLimiter);
    }
}
