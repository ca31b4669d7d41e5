package io.nififusion.testkit.adls;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One file or directory of a filesystem. Guarded by the store's namespace lock, except {@link #flushLock} which
 * serializes flushes of one file while its bytes are copied outside the namespace lock.
 */
final class PathNode {

    /**
     * Uncommitted bytes of one append, kept in a staging file until a flush commits or discards them. {@code contested}
     * marks a position that received appends with different bytes (two writers on one path): no flush may commit it.
     */
    record StagedChunk(long position, long length, Path file, String md5, boolean contested) {

        long end() {
            return position + length;
        }
    }

    final boolean directory;
    final Instant created;
    final ReentrantLock flushLock = new ReentrantLock();
    String etag;
    Instant lastModified;
    Map<String, String> metadata = new LinkedHashMap<>();
    String owner = "$superuser";
    String group = "$superuser";
    int permissions;
    String extendedAcl = "";
    Path contentFile;
    long length;
    String contentMd5;
    String contentType;
    String cacheControl;
    String contentEncoding;
    String contentLanguage;
    String contentDisposition;
    final TreeMap<Long, StagedChunk> staged = new TreeMap<>();

    PathNode(final boolean directory, final String etag, final Instant now, final int permissions) {
        this.directory = directory;
        this.created = now;
        this.etag = etag;
        this.lastModified = now;
        this.permissions = permissions;
    }
}
