package io.nififusion.core.copy;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.options.DataLakePathCreateOptions;
import io.nififusion.core.ErrorMessages;

import java.nio.charset.StandardCharsets;

/**
 * Rehearses a copy's commit under the target root, as Verify: a temp file with the configured prefix is written and
 * moved onto its final name by the same conditional rename a copy commits with (only if nothing is there), then a second
 * conditional rename onto the now existing name must be refused, which is what keeps a stale copy from replacing a
 * newer one. Both probe files are removed.
 */
public final class CommitProbe {
    private static final byte[] CONTENT = "nifi-fusion commit probe".getBytes(StandardCharsets.UTF_8);

    private final DataLakeFileSystemClient target;
    private final TempPathNames tempNames;

    public CommitProbe(final DataLakeFileSystemClient target, final String tempPrefix) {
        this.target = target;
        this.tempNames = new TempPathNames(tempPrefix);
    }

    /** What happened; {@code passed} only when the write, the commit and the refusal all behaved as a copy needs. */
    public record Result(boolean passed, String explanation) {
    }

    public Result run(final String targetRoot) {
        final String finalPath = (targetRoot.isEmpty() ? "" : targetRoot + "/") + "_fusion-commit-probe-" + Long.toHexString(System.nanoTime());
        final String tempPath = tempNames.newTempPathFor(finalPath);
        final String rivalPath = tempNames.newTempPathFor(finalPath);
        try {
            write(tempPath);
            target.getFileClient(tempPath).renameWithResponse(null, finalPath, null, new DataLakeRequestConditions().setIfNoneMatch("*"), null,
                    Context.NONE);
            write(rivalPath);
            try {
                target.getFileClient(rivalPath).renameWithResponse(null, finalPath, null, new DataLakeRequestConditions().setIfNoneMatch("*"), null,
                        Context.NONE);
                return new Result(false, "A conditional rename onto the existing " + finalPath + " was accepted: this endpoint does not honour "
                        + "If-None-Match on renames, so a stale copy could replace a newer file");
            } catch (final DataLakeStorageException e) {
                if (e.getStatusCode() != 409 && e.getStatusCode() != 412) {
                    throw e;
                }
            }
            final long length = target.getFileClient(finalPath).getProperties().getFileSize();
            if (length != CONTENT.length) {
                return new Result(false, "The committed probe " + finalPath + " holds " + length + " bytes, not the " + CONTENT.length + " written");
            }
            return new Result(true, "Wrote " + tempPath + ", committed it to " + finalPath + " by conditional rename, saw a second conditional "
                    + "rename onto it refused, removed both");
        } catch (final RuntimeException e) {
            return new Result(false, "Rehearsing a commit under " + (targetRoot.isEmpty() ? "the filesystem root" : targetRoot) + " failed: "
                    + (e instanceof DataLakeStorageException storage ? "HTTP " + storage.getStatusCode() + " " + storage.getErrorCode()
                    : ErrorMessages.describe(e)));
        } finally {
            for (final String path : new String[] {tempPath, rivalPath, finalPath}) {
                try {
                    target.getFileClient(path).deleteIfExists();
                } catch (final RuntimeException ignored) {
                    // best effort: the result already says what failed
                }
            }
        }
    }

    private void write(final String path) {
        target.getFileClient(path).createWithResponse(new DataLakePathCreateOptions().setRequestConditions(
                new DataLakeRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
        target.getFileClient(path).append(BinaryData.fromBytes(CONTENT), 0);
        target.getFileClient(path).flush(CONTENT.length, true);
    }
}
