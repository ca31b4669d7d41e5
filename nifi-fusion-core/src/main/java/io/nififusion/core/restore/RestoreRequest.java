package io.nififusion.core.restore;

import java.time.Instant;

/**
 * One entry to restore, as a listing record names it.
 *
 * @param targetPath the copy to read, relative to the filesystem
 * @param destinationPath the absolute HDFS path to restore to
 * @param listedEtag the entity tag the listing saw, or null
 * @param asOf the moment an as-of listing chose this version for, or null for the live tree
 * @param resumeTempPath the temp file a stopped or failed attempt of this record left its finished parts next to, or null
 */
public record RestoreRequest(String targetPath, String destinationPath, String listedEtag, Instant asOf, String resumeTempPath) {
}
