package io.nififusion.testkit.adls;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One filesystem (container): its properties, its root directory (which has access control like any directory, as on a
 * hierarchical-namespace account) and its paths, sorted so a directory's subtree is a contiguous range.
 */
final class FileSystemEntry {

    static final int ROOT_PERMISSIONS = 0750;

    final String name;
    final Instant created;
    String etag;
    Instant lastModified;
    Map<String, String> metadata = new LinkedHashMap<>();
    final TreeMap<String, PathNode> paths = new TreeMap<>();
    final PathNode root;

    FileSystemEntry(final String name, final String etag, final Instant now) {
        this.name = name;
        this.created = now;
        this.etag = etag;
        this.lastModified = now;
        // The service creates the root owned by $superuser with rwxr-x---
        this.root = new PathNode(true, etag, now, ROOT_PERMISSIONS);
    }
}
