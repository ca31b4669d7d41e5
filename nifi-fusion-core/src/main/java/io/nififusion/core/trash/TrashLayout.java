package io.nififusion.core.trash;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the target keeps what the source deleted or overwrote, when the Delete Policy keeps it: a hidden tree beside
 * the live one under the mapped target root, {@code <root>/.fusion-trash/<batch>/<path relative to the root>}. A batch
 * is named by its deletion time in UTC ({@code 20261201T161503.042Z}) and a suffix unique to the delete, so names sort
 * by time and two deletes never share a batch. Readers of the live tree never see it (a hidden name), and the
 * replication of the live tree, its verification and its tree audit leave it alone.
 */
public final class TrashLayout {
    public static final String DIRECTORY_NAME = ".fusion-trash";
    /** Metadata of a batch directory: the path moved into it, relative to the mapped root (percent-encoded). */
    public static final String MOVED_PATH_KEY = "fusion_trashed_path";
    /** Metadata of a batch directory: why the version is in the trash, {@link #DELETED} or {@link #REPLACED}, for the operator. */
    public static final String REASON_KEY = "fusion_trash_reason";
    /** The source deleted the path: the version was moved into the batch. */
    public static final String DELETED = "deleted";
    /** A copy replaced the file by a version of another source file: the version was saved into the batch before the commit. */
    public static final String REPLACED = "replaced";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SUFFIX_BYTES = 4;

    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String targetRoot;

    /** @param targetRoot the mapped target root, relative to the filesystem, empty for the filesystem root */
    public TrashLayout(final String targetRoot) {
        this.targetRoot = targetRoot == null ? "" : targetRoot;
    }

    /** The trash directory, relative to the filesystem. */
    public String trashRoot() {
        return join(targetRoot, DIRECTORY_NAME);
    }

    /** The name of a new batch for a delete at this time. */
    public static String batchName(final Instant deletedAt, final String uniqueSuffix) {
        return BATCH_TIME.format(deletedAt) + "-" + uniqueSuffix;
    }

    /** The name of a new batch for a delete or a replacement at this time, with a random suffix of its own. */
    public static String newBatchName(final Instant at) {
        final byte[] suffix = new byte[SUFFIX_BYTES];
        RANDOM.nextBytes(suffix);
        return batchName(at, HexFormat.of().formatHex(suffix));
    }

    /**
     * The metadata that makes a batch directory a version of a path: what was put into it (the directories above it in
     * the batch are only its parents) and why. A batch without it is not listed by a restore (a save interrupted mid-way).
     */
    public Map<String, String> batchMarker(final String livePath, final String reason) {
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(MOVED_PATH_KEY, URLEncoder.encode(relativeToRoot(livePath), StandardCharsets.UTF_8));
        metadata.put(REASON_KEY, reason);
        return metadata;
    }

    /** The deletion time a batch name records, or null for a name that is not a batch's. */
    public static Instant batchTime(final String batchName) {
        final int dash = batchName.indexOf('-');
        if (dash <= 0) {
            return null;
        }
        try {
            return Instant.from(BATCH_TIME.parse(batchName.substring(0, dash)));
        } catch (final DateTimeParseException e) {
            return null;
        }
    }

    public String batchPath(final String batchName) {
        return trashRoot() + "/" + batchName;
    }

    /** Where a live target path goes in a batch. */
    public String trashPathFor(final String batchName, final String livePath) {
        final String relative = relativeToRoot(livePath);
        return relative.isEmpty() ? batchPath(batchName) : batchPath(batchName) + "/" + relative;
    }

    /** Whether a target path is the trash or lies in it. */
    public boolean isTrash(final String targetPath) {
        final String trash = trashRoot();
        return targetPath.equals(trash) || targetPath.startsWith(trash + "/");
    }

    /** A live target path relative to the mapped root ({@code ""} for the root itself). */
    public String relativeToRoot(final String livePath) {
        if (targetRoot.isEmpty()) {
            return livePath;
        }
        if (livePath.equals(targetRoot)) {
            return "";
        }
        if (!livePath.startsWith(targetRoot + "/")) {
            throw new IllegalArgumentException("Target path [" + livePath + "] is outside the target root [" + targetRoot + "]");
        }
        return livePath.substring(targetRoot.length() + 1);
    }

    /** The live target path of a path relative to the mapped root. */
    public String livePath(final String relative) {
        return join(targetRoot, relative);
    }

    public String getTargetRoot() {
        return targetRoot;
    }

    public static String join(final String directory, final String relative) {
        if (directory.isEmpty()) {
            return relative;
        }
        return relative.isEmpty() ? directory : directory + "/" + relative;
    }
}
