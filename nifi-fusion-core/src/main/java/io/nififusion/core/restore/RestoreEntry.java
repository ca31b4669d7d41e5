package io.nififusion.core.restore;

import io.nififusion.core.target.TargetVersion;

import java.time.Instant;

/**
 * One path a restore listing found: where its bytes are at the target, which source path it backs up, and what the
 * target recorded about the source version it holds.
 *
 * @param targetPath path of the copy, relative to the filesystem (in the live tree or in a trash batch)
 * @param originalPath the absolute source path the copy backs up
 * @param directory whether it is a directory
 * @param length bytes of a file
 * @param etag entity tag of the version listed: the version a restore reads
 * @param lastModified last modification at the target
 * @param version the source version the target recorded (with its CRC32C), or null for a path replication did not write
 * @param deletedAt when the source deleted or replaced it (a trash entry), or null for the live tree
 */
public record RestoreEntry(String targetPath, String originalPath, boolean directory, long length, String etag, Instant lastModified,
                           TargetVersion version, Instant deletedAt) {
}
