package io.nififusion.testkit.adls;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** One filesystem (container): its properties and its paths, sorted so a directory's subtree is a contiguous range. */
final class FileSystemEntry {

    final String name;
    final Instant created;
    String etag;
    Instant lastModified;
    Map<String, String> metadata = new LinkedHashMap<>();
    final TreeMap<String, PathNode> paths = new TreeMap<>();

    FileSystemEntry(final String name, final String etag, final Instant now) {
        this.name = name;
        this.created = now;
        this.etag = etag;
        this.lastModified = now;
    }
}
