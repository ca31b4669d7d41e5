package io.nififusion.core.copy;

import io.nififusion.core.target.TargetVersion;

import java.util.function.BooleanSupplier;

/**
 * Keep Replaced Versions: which target files a commit replaces as versions of their own, saved into the trash first
 * ({@link ReplacedVersionSaver}), and which it only brings up to date. A target file recording another source file id
 * than the one committed over it held a different file (an HDFS create with overwrite, a file deleted and created
 * again, a rename over it): that version is kept. One recording the same file id is the same inode that grew or shrank
 * (an append, a truncate): it is not, so a log being appended does not fill the trash. A file replication did not
 * write records no source version and is no version of the source: it is not kept either.
 * <p>
 * A saved copy holds a version the path held at the batch's time (the reads were conditional on its entity tag), so a
 * restore as of an earlier moment finds it like a deleted one. That stays true when a rival commits between the save
 * and this commit: the version was replaced anyway, by the rival, and the commit, refused, looks again and saves
 * whatever other file it then replaces.
 */
final class ReplacedVersions {
    static final ReplacedVersions NONE = new ReplacedVersions(null);

    /** Saves the versions; null when they are not kept. */
    private final ReplacedVersionSaver saver;

    ReplacedVersions(final ReplacedVersionSaver saver) {
        this.saver = saver;
    }

    /** Whether committing this source file over the target's file replaces a version of another source file. */
    static boolean isReplacement(final TargetState target, final SourceFile replacing) {
        if (!target.exists() || target.directory()) {
            return false;
        }
        final TargetVersion recorded = target.version();
        return recorded != null && recorded.fileId() != replacing.fileId();
    }

    /**
     * Saves the target's file before a commit replaces it, when it is a version to keep and not the one saved already.
     *
     * @param earlier what an earlier round of the same commit saved, or null
     * @return what is saved now for this commit (the earlier save when nothing new was), or null
     * @throws ReplicationException the save failed; the live file is as it was and nothing may be committed over it
     */
    ReplacedVersionSaver.SavedVersion keepBefore(final String targetPath, final TargetState target, final SourceFile replacing,
                                                 final ReplacedVersionSaver.SavedVersion earlier, final BooleanSupplier keepRunning)
            throws ReplicationException {
        if (saver == null || !isReplacement(target, replacing)) {
            return earlier;
        }
        if (earlier != null && earlier.version().equals(target.version())) {
            // the same version with another entity tag (its metadata or access was written meanwhile): saved already
            return earlier;
        }
        final ReplacedVersionSaver.SavedVersion saved = saver.save(targetPath, target, keepRunning);
        return saved == null ? earlier : saved;
    }

    /** Whether replaced versions are kept at all. */
    boolean keeps() {
        return saver != null;
    }
}
