package io.nififusion.testkit.adls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The namespace (in heap: names and properties only) and the bytes (on disk under the data directory) of every
 * filesystem. One lock guards the namespace; file bytes are copied outside it.
 */
final class PathStore {

    /** What a read or a property request sees of a path at one instant. */
    record PathSnapshot(String name, boolean directory, String etag, Instant lastModified, Instant created, long length,
                        String contentMd5, Map<String, String> metadata, String owner, String group, int permissions,
                        String extendedAcl, String contentType, String cacheControl, String contentEncoding,
                        String contentLanguage, String contentDisposition, Path contentFile) {

        String permissionString() {
            return PosixAccess.toSymbolic(permissions) + (PosixAccess.hasExtendedEntries(extendedAcl) ? "+" : "");
        }

        String acl() {
            return PosixAccess.acl(permissions, extendedAcl);
        }
    }

    /** A filesystem as listed. */
    record FileSystemSnapshot(String name, String etag, Instant lastModified, Map<String, String> metadata) {
    }

    /** One page of a listing. */
    record Page<T>(List<T> items, String continuation) {
    }

    /** One entry of a Blob API listing: a path, or (with a delimiter) the prefix that groups the paths below it. */
    record BlobEntry(PathSnapshot blob, String prefix) {
    }

    /** Content headers given on create or flush; null fields are left alone. */
    record ContentHeaders(String contentType, String cacheControl, String contentEncoding, String contentLanguage,
                          String contentDisposition) {
        static final ContentHeaders NONE = new ContentHeaders(null, null, null, null, null);
    }

    private final Object lock = new Object();
    private final Path contentDirectory;
    private final Path stagingDirectory;
    private final Map<String, FileSystemEntry> fileSystems = new TreeMap<>();
    private final AtomicLong etagCounter = new AtomicLong(System.currentTimeMillis() * 1000);

    PathStore(final Path dataDirectory) throws IOException {
        this.contentDirectory = Files.createDirectories(dataDirectory.resolve("content"));
        this.stagingDirectory = Files.createDirectories(dataDirectory.resolve("staging"));
    }

    String newEtag() {
        return String.format("\"0x8D%013X\"", etagCounter.incrementAndGet());
    }

    // ---------------------------------------------------------------- filesystems

    FileSystemSnapshot createFileSystem(final String name, final Map<String, String> metadata, final boolean blobApi) {
        synchronized (lock) {
            if (fileSystems.containsKey(name)) {
                throw blobApi
                        ? new AdlsServiceException(409, "ContainerAlreadyExists", "The specified container already exists.")
                        : new AdlsServiceException(409, "FilesystemAlreadyExists", "The specified filesystem already exists.");
            }
            final FileSystemEntry entry = new FileSystemEntry(name, newEtag(), Instant.now());
            entry.metadata = new LinkedHashMap<>(metadata);
            fileSystems.put(name, entry);
            return snapshot(entry);
        }
    }

    FileSystemSnapshot getFileSystem(final String name, final boolean blobApi) {
        synchronized (lock) {
            return snapshot(fileSystem(name, blobApi));
        }
    }

    FileSystemSnapshot setFileSystemMetadata(final String name, final Map<String, String> metadata, final boolean blobApi) {
        synchronized (lock) {
            final FileSystemEntry entry = fileSystem(name, blobApi);
            entry.metadata = new LinkedHashMap<>(metadata);
            entry.etag = newEtag();
            entry.lastModified = Instant.now();
            return snapshot(entry);
        }
    }

    void deleteFileSystem(final String name, final boolean blobApi) {
        final List<Path> files = new ArrayList<>();
        synchronized (lock) {
            final FileSystemEntry entry = fileSystem(name, blobApi);
            fileSystems.remove(name);
            for (final PathNode node : entry.paths.values()) {
                collectBytes(node, files);
            }
        }
        deleteAll(files);
    }

    Page<FileSystemSnapshot> listFileSystems(final String prefix, final String marker, final int maxResults) {
        synchronized (lock) {
            final List<FileSystemSnapshot> items = new ArrayList<>();
            String next = null;
            for (final FileSystemEntry entry : fileSystems.values()) {
                if ((prefix != null && !entry.name.startsWith(prefix)) || (marker != null && entry.name.compareTo(marker) < 0)) {
                    continue;
                }
                if (items.size() == maxResults) {
                    next = entry.name;
                    break;
                }
                items.add(snapshot(entry));
            }
            return new Page<>(items, next);
        }
    }

    // ---------------------------------------------------------------- paths

    PathSnapshot createPath(final String fileSystem, final String path, final boolean directory,
                            final AccessConditions conditions, final Map<String, String> metadata,
                            final Integer permissions, final Integer umask, final ContentHeaders headers,
                            final String owner, final String group, final String acl) {
        final List<Path> files = new ArrayList<>();
        final PathSnapshot created;
        synchronized (lock) {
            final FileSystemEntry entry = fileSystem(fileSystem, false);
            final PathNode existing = entry.paths.get(path);
            try {
                checkConditions(conditions, existing);
                if (existing != null && existing.directory != directory) {
                    throw new AdlsServiceException(409, "PathConflict", "The specified path, or an element of the path, exists and its resource type is invalid for this operation.");
                }
            } catch (final AdlsServiceException e) {
                // Hadoop's ABFS tells "mkdirs of an existing directory" (a success) from a clash with a file by this header
                if (existing != null && e.getStatus() == 409) {
                    e.header("x-ms-existing-resource-type", existing.directory ? "directory" : "file");
                }
                throw e;
            }
            ensureParents(entry, path);
            final Instant now = Instant.now();
            // The umask restricts the mode only when the parent has no default ACL (then the default ACL does)
            final int requested = permissions != null ? permissions : directory ? 0777 : 0666;
            final PathNode parent = parentOf(entry, path);
            final int mode = parent != null && PosixAccess.hasDefaultEntries(parent.extendedAcl) ? requested
                    : requested & ~(umask != null ? umask : PosixAccess.DEFAULT_UMASK);
            if (existing != null && directory) {
                // An existing directory keeps its children; only its properties are replaced.
                existing.etag = newEtag();
                existing.lastModified = now;
                existing.metadata = new LinkedHashMap<>(metadata);
                created = snapshot(path, existing);
            } else {
                final PathNode node = new PathNode(directory, newEtag(), now, mode);
                inheritDefaultAcl(parent, node);
                node.metadata = new LinkedHashMap<>(metadata);
                applyHeaders(node, headers);
                if (owner != null) {
                    node.owner = owner;
                }
                if (group != null) {
                    node.group = group;
                }
                if (acl != null) {
                    final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl(acl, directory, node.permissions, node.extendedAcl);
                    node.permissions = applied.permissions();
                    node.extendedAcl = applied.extendedAcl();
                }
                entry.paths.put(path, node);
                collectBytes(existing, files);
                created = snapshot(path, node);
            }
        }
        deleteAll(files);
        return created;
    }

    PathSnapshot getPath(final String fileSystem, final String path, final boolean blobApi) {
        synchronized (lock) {
            final FileSystemEntry entry = fileSystem(fileSystem, blobApi);
            final PathNode node = entry.paths.get(path);
            if (node == null) {
                throw blobApi ? new AdlsServiceException(404, "BlobNotFound", "The specified blob does not exist.")
                        : AdlsServiceException.pathNotFound();
            }
            return snapshot(path, node);
        }
    }

    /** @return the filesystem's root directory, named by the empty path */
    PathSnapshot getRoot(final String fileSystem) {
        synchronized (lock) {
            return snapshot("", fileSystem(fileSystem, false).root);
        }
    }

    /** Checks that appends may go to this path before the body is read. */
    void checkAppendable(final String fileSystem, final String path) {
        synchronized (lock) {
            requireFile(fileSystem(fileSystem, false), path);
        }
    }

    Path newStagingFile() {
        return stagingDirectory.resolve(UUID.randomUUID().toString());
    }

    /**
     * Keeps the bytes of an append until a flush. The same bytes appended again at the same position (a client's retry)
     * replace the earlier copy; different bytes at a position that already has uncommitted data mark it contested.
     */
    void stage(final String fileSystem, final String path, final long position, final Path stagingFile, final long length,
               final String md5) {
        PathNode.StagedChunk replaced = null;
        synchronized (lock) {
            final PathNode node;
            try {
                node = requireFile(fileSystem(fileSystem, false), path);
                if (position < node.length) {
                    throw AdlsServiceException.badRequest("InvalidFlushPosition",
                            "The uploaded data is not contiguous or the position query parameter value is not equal to the length of the file after appending the uploaded data.");
                }
            } catch (final AdlsServiceException e) {
                deleteQuietly(stagingFile);
                throw e;
            }
            if (length > 0) {
                final PathNode.StagedChunk earlier = node.staged.get(position);
                final boolean contested = earlier != null
                        && (earlier.contested() || earlier.length() != length || !earlier.md5().equals(md5));
                replaced = node.staged.put(position, new PathNode.StagedChunk(position, length, stagingFile, md5, contested));
            } else {
                deleteQuietly(stagingFile);
            }
        }
        if (replaced != null) {
            deleteQuietly(replaced.file());
        }
    }

    PathSnapshot flush(final String fileSystem, final String path, final long position, final boolean retainUncommitted,
                       final AccessConditions conditions, final String contentMd5, final boolean validateMd5,
                       final ContentHeaders headers, final Map<String, String> metadata) {
        final PathNode node;
        synchronized (lock) {
            node = requireFile(fileSystem(fileSystem, false), path);
        }
        node.flushLock.lock();
        try {
            final List<PathNode.StagedChunk> chunks = new ArrayList<>();
            final long oldLength;
            final Path content;
            synchronized (lock) {
                if (fileSystem(fileSystem, false).paths.get(path) != node) {
                    throw AdlsServiceException.pathNotFound();
                }
                checkConditions(conditions, node);
                oldLength = node.length;
                long cursor = oldLength;
                for (final PathNode.StagedChunk chunk : node.staged.values()) {
                    if (cursor == position) {
                        break;
                    }
                    if (chunk.position() == cursor) {
                        chunks.add(chunk);
                        cursor += chunk.length();
                    } else if (chunk.position() > cursor) {
                        break;
                    }
                }
                if (position < oldLength || cursor != position || !singleWriter(node, chunks, oldLength, position)) {
                    throw AdlsServiceException.badRequest("InvalidFlushPosition",
                            "The uploaded data is not contiguous or the position query parameter value is not equal to the length of the file after appending the uploaded data.");
                }
                for (final PathNode.StagedChunk chunk : chunks) {
                    node.staged.remove(chunk.position());
                }
                if (node.contentFile == null) {
                    node.contentFile = contentDirectory.resolve(UUID.randomUUID().toString());
                }
                content = node.contentFile;
            }
            appendChunks(content, oldLength, chunks);
            if (contentMd5 != null && validateMd5) {
                final String actual = md5Base64(content, position);
                if (!actual.equals(contentMd5.trim())) {
                    synchronized (lock) {
                        for (final PathNode.StagedChunk chunk : chunks) {
                            node.staged.put(chunk.position(), chunk);
                        }
                    }
                    throw AdlsServiceException.badRequest("Md5Mismatch",
                            "The MD5 value specified in the request did not match with the MD5 value calculated by the server.");
                }
            }
            final List<PathNode.StagedChunk> discarded = new ArrayList<>(chunks);
            final PathSnapshot result;
            synchronized (lock) {
                node.length = position;
                node.etag = newEtag();
                node.lastModified = Instant.now();
                node.contentMd5 = contentMd5 == null ? null : contentMd5.trim();
                applyHeaders(node, headers);
                if (metadata != null && !metadata.isEmpty()) {
                    node.metadata = new LinkedHashMap<>(metadata);
                }
                if (!retainUncommitted) {
                    discarded.addAll(node.staged.values());
                    node.staged.clear();
                }
                result = snapshot(path, node);
            }
            for (final PathNode.StagedChunk chunk : discarded) {
                deleteQuietly(chunk.file());
            }
            return result;
        } finally {
            node.flushLock.unlock();
        }
    }

    /**
     * Called under the namespace lock. Concurrent writers on one path are unsupported by the service and their result
     * undefined, so a flush fails rather than commit a range that two writers staged differently: a contested position,
     * or uncommitted data overlapping the flushed range that is not part of the chosen chunks.
     */
    private static boolean singleWriter(final PathNode node, final List<PathNode.StagedChunk> chosen, final long from,
                                        final long to) {
        for (final PathNode.StagedChunk chunk : node.staged.values()) {
            final boolean overlaps = chunk.position() < to && chunk.end() > from;
            if (overlaps && (chunk.contested() || !chosen.contains(chunk))) {
                return false;
            }
        }
        return true;
    }

    PathSnapshot setMetadata(final String fileSystem, final String path, final Map<String, String> metadata,
                             final AccessConditions conditions, final boolean blobApi) {
        synchronized (lock) {
            final PathNode node = requireNode(fileSystem(fileSystem, blobApi), path, blobApi);
            checkConditions(conditions, node);
            node.metadata = new LinkedHashMap<>(metadata);
            node.etag = newEtag();
            node.lastModified = Instant.now();
            return snapshot(path, node);
        }
    }

    PathSnapshot setHeaders(final String fileSystem, final String path, final ContentHeaders headers,
                            final String contentMd5, final AccessConditions conditions) {
        synchronized (lock) {
            final PathNode node = requireNode(fileSystem(fileSystem, true), path, true);
            checkConditions(conditions, node);
            node.contentType = headers.contentType();
            node.cacheControl = headers.cacheControl();
            node.contentEncoding = headers.contentEncoding();
            node.contentLanguage = headers.contentLanguage();
            node.contentDisposition = headers.contentDisposition();
            node.contentMd5 = contentMd5;
            node.etag = newEtag();
            node.lastModified = Instant.now();
            return snapshot(path, node);
        }
    }

    PathSnapshot setAccessControl(final String fileSystem, final String path, final String owner, final String group,
                                  final String permissions, final String acl, final AccessConditions conditions) {
        synchronized (lock) {
            final FileSystemEntry entry = fileSystem(fileSystem, false);
            final PathNode node = path.isEmpty() ? entry.root : requireNode(entry, path, false);
            checkConditions(conditions, node);
            if (acl != null && permissions != null) {
                throw AdlsServiceException.badRequest("InvalidInput", "x-ms-acl and x-ms-permissions are mutually exclusive.");
            }
            if (owner != null) {
                node.owner = owner;
            }
            if (group != null) {
                node.group = group;
            }
            if (permissions != null) {
                node.permissions = PosixAccess.parsePermissions(permissions);
            }
            if (acl != null) {
                final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl(acl, node.directory, node.permissions, node.extendedAcl);
                node.permissions = applied.permissions();
                node.extendedAcl = applied.extendedAcl();
            }
            node.etag = newEtag();
            node.lastModified = Instant.now();
            return snapshot(path, node);
        }
    }

    Page<PathSnapshot> list(final String fileSystem, final String directory, final boolean recursive,
                            final String continuation, final int maxResults) {
        synchronized (lock) {
            final FileSystemEntry entry = fileSystem(fileSystem, false);
            final NavigableMap<String, PathNode> range;
            if (directory.isEmpty()) {
                range = entry.paths;
            } else {
                final PathNode node = entry.paths.get(directory);
                if (node == null) {
                    throw AdlsServiceException.pathNotFound();
                }
                if (!node.directory) {
                    // Listing a file lists that file, like the service does.
                    return new Page<>(List.of(snapshot(directory, node)), null);
                }
                range = entry.paths.subMap(directory + "/", true, directory + "0", false);
            }
            final NavigableMap<String, PathNode> remaining = continuation == null ? range
                    : range.tailMap(decodeToken(continuation), false);
            final List<PathSnapshot> items = new ArrayList<>();
            final int depth = directory.isEmpty() ? 0 : directory.split("/").length;
            String last = null;
            for (final Map.Entry<String, PathNode> candidate : remaining.entrySet()) {
                final String name = candidate.getKey();
                if (!recursive && name.split("/").length != depth + 1) {
                    continue;
                }
                if (items.size() == maxResults) {
                    return new Page<>(items, encodeToken(last));
                }
                items.add(snapshot(name, candidate.getValue()));
                last = name;
            }
            return new Page<>(items, null);
        }
    }

    /**
     * Lists a filesystem the way the Blob API does: every path (directories too, as on a hierarchical-namespace account)
     * whose name starts with {@code prefix}, in name order; with a delimiter, the names that go on past the prefix are
     * grouped into one prefix entry each. {@code marker} is the continuation a previous page returned.
     */
    Page<BlobEntry> listBlobs(final String fileSystem, final String prefix, final String delimiter, final String marker,
                              final int maxResults) {
        synchronized (lock) {
            final FileSystemEntry entry = fileSystem(fileSystem, true);
            final String start = marker == null ? prefix : decodeToken(marker);
            final List<BlobEntry> items = new ArrayList<>();
            String lastPrefix = null;
            for (final Map.Entry<String, PathNode> candidate : entry.paths.tailMap(start, true).entrySet()) {
                final String name = candidate.getKey();
                if (!name.startsWith(prefix)) {
                    break;
                }
                final int cut = delimiter == null ? -1 : name.indexOf(delimiter, prefix.length());
                final String grouped = cut < 0 ? null : name.substring(0, cut + delimiter.length());
                if (grouped != null && grouped.equals(lastPrefix)) {
                    continue;
                }
                if (items.size() == maxResults) {
                    return new Page<>(items, encodeToken(name));
                }
                if (grouped != null) {
                    items.add(new BlobEntry(null, grouped));
                    lastPrefix = grouped;
                } else {
                    items.add(new BlobEntry(snapshot(name, candidate.getValue()), null));
                }
            }
            return new Page<>(items, null);
        }
    }

    /**
     * Deletes a path; a directory with more descendants than {@code pageSize} loses its deepest-sorted descendants
     * first and the answer carries a continuation token, like the service's paged delete.
     */
    String delete(final String fileSystem, final String path, final boolean recursive, final AccessConditions conditions,
                  final int pageSize) {
        final List<Path> files = new ArrayList<>();
        final String continuation;
        synchronized (lock) {
            final FileSystemEntry entry = fileSystem(fileSystem, false);
            final PathNode node = requireNode(entry, path, false);
            checkConditions(conditions, node);
            final NavigableMap<String, PathNode> subtree = entry.paths.subMap(path + "/", true, path + "0", false);
            if (node.directory && !subtree.isEmpty() && !recursive) {
                throw new AdlsServiceException(409, "DirectoryNotEmpty", "The recursive query parameter value must be true to delete a non-empty directory.");
            }
            final Iterator<Map.Entry<String, PathNode>> descending = subtree.descendingMap().entrySet().iterator();
            int removed = 0;
            while (descending.hasNext() && removed < pageSize) {
                collectBytes(descending.next().getValue(), files);
                descending.remove();
                removed++;
            }
            if (subtree.isEmpty()) {
                collectBytes(entry.paths.remove(path), files);
                continuation = null;
            } else {
                continuation = encodeToken(path + "#" + subtree.size());
            }
        }
        deleteAll(files);
        return continuation;
    }

    /**
     * Renames a path. With {@code intoExistingDirectory} (what the service does for a rename without
     * {@code mode=legacy}, the way Hadoop's ABFS driver sends it), a destination that is an existing directory receives
     * the source as a child of the same name; otherwise an existing directory destination is a conflict.
     *
     * @return the path the source now has
     */
    String rename(final String sourceFileSystem, final String source, final String fileSystem, final String requestedDestination,
                  final AccessConditions sourceConditions, final AccessConditions conditions, final boolean intoExistingDirectory) {
        final List<Path> files = new ArrayList<>();
        String destination = requestedDestination;
        synchronized (lock) {
            final FileSystemEntry sourceEntry = fileSystem(sourceFileSystem, false);
            final FileSystemEntry destinationEntry = fileSystem(fileSystem, false);
            final PathNode node = sourceEntry.paths.get(source);
            if (node == null) {
                throw new AdlsServiceException(404, "SourcePathNotFound", "The source path for a rename operation does not exist.");
            }
            if (!sourceConditions.holds(node.etag, node.lastModified)) {
                throw new AdlsServiceException(412, "SourceConditionNotMet", "The source condition specified using HTTP conditional header(s) is not met.");
            }
            if (sourceEntry == destinationEntry && source.equals(destination)) {
                return destination;
            }
            if (sourceEntry == destinationEntry && destination.startsWith(source + "/")) {
                // The code and status Hadoop's ABFS driver knows the service to answer (AzureServiceErrorCode)
                throw new AdlsServiceException(409, "InvalidRenameSourcePath", "The source directory cannot be the same as the destination directory, nor can the destination be a subdirectory of the source directory.");
            }
            final PathNode target = destinationEntry.paths.get(destination);
            if (intoExistingDirectory && target != null && target.directory) {
                destination = destination + "/" + source.substring(source.lastIndexOf('/') + 1);
                if (sourceEntry == destinationEntry && source.equals(destination)) {
                    return destination;
                }
            }
            final PathNode existing = destinationEntry.paths.get(destination);
            checkConditions(conditions, existing);
            final int slash = destination.lastIndexOf('/');
            if (slash > 0) {
                final PathNode parent = destinationEntry.paths.get(destination.substring(0, slash));
                if (parent == null || !parent.directory) {
                    throw new AdlsServiceException(404, "RenameDestinationParentPathNotFound", "The parent directory of the destination path does not exist.");
                }
            }
            if (existing != null && (existing.directory || node.directory)) {
                throw AdlsServiceException.pathAlreadyExists();
            }
            // Checked before anything changes: a deeper or longer destination may push a descendant past a limit
            PathNames.checkCreatable(destination);
            if (node.directory) {
                for (final String child : sourceEntry.paths.subMap(source + "/", true, source + "0", false).keySet()) {
                    PathNames.checkCreatable(destination + child.substring(source.length()));
                }
            }
            collectBytes(existing, files);
            final Map<String, PathNode> moved = new LinkedHashMap<>();
            moved.put(destination, sourceEntry.paths.remove(source));
            if (node.directory) {
                final NavigableMap<String, PathNode> subtree = sourceEntry.paths.subMap(source + "/", true, source + "0", false);
                for (final Map.Entry<String, PathNode> child : subtree.entrySet()) {
                    moved.put(destination + child.getKey().substring(source.length()), child.getValue());
                }
                subtree.clear();
            }
            destinationEntry.paths.putAll(moved);
        }
        deleteAll(files);
        return destination;
    }

    void corrupt(final String fileSystem, final String path, final long offset) {
        final PathSnapshot snapshot = getPath(fileSystem, path, false);
        if (snapshot.contentFile() == null || offset < 0 || offset >= snapshot.length()) {
            throw new IllegalArgumentException("Offset " + offset + " is outside the " + snapshot.length() + " committed bytes of " + path);
        }
        try (FileChannel channel = FileChannel.open(snapshot.contentFile(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.flip();
            final byte flipped = (byte) ~one.get();
            channel.write(ByteBuffer.wrap(new byte[] {flipped}), offset);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private FileSystemEntry fileSystem(final String name, final boolean blobApi) {
        final FileSystemEntry entry = fileSystems.get(name);
        if (entry == null) {
            throw AdlsServiceException.fileSystemNotFound(blobApi);
        }
        return entry;
    }

    private PathNode requireNode(final FileSystemEntry entry, final String path, final boolean blobApi) {
        final PathNode node = entry.paths.get(path);
        if (node == null) {
            throw blobApi ? new AdlsServiceException(404, "BlobNotFound", "The specified blob does not exist.")
                    : AdlsServiceException.pathNotFound();
        }
        return node;
    }

    private PathNode requireFile(final FileSystemEntry entry, final String path) {
        final PathNode node = requireNode(entry, path, false);
        if (node.directory) {
            throw AdlsServiceException.badRequest("InvalidFlushOperation", "The resource is a directory; data can only be appended to a file.");
        }
        return node;
    }

    private void ensureParents(final FileSystemEntry entry, final String path) {
        int slash = path.indexOf('/');
        while (slash > 0) {
            final String parent = path.substring(0, slash);
            final PathNode node = entry.paths.get(parent);
            if (node == null) {
                final PathNode above = parentOf(entry, parent);
                final int mode = PosixAccess.hasDefaultEntries(above.extendedAcl) ? 0777 : 0777 & ~PosixAccess.DEFAULT_UMASK;
                final PathNode created = new PathNode(true, newEtag(), Instant.now(), mode);
                inheritDefaultAcl(above, created);
                entry.paths.put(parent, created);
            } else if (!node.directory) {
                throw new AdlsServiceException(409, "PathConflict", "The specified path, or an element of the path, exists and its resource type is invalid for this operation.");
            }
            slash = path.indexOf('/', slash + 1);
        }
    }

    /** Called under the namespace lock: the directory a path is created in, the root for a top-level path. */
    private static PathNode parentOf(final FileSystemEntry entry, final String path) {
        final int slash = path.lastIndexOf('/');
        return slash < 0 ? entry.root : entry.paths.get(path.substring(0, slash));
    }

    /** A new node under a parent with a default ACL takes its access control from it (see {@link PosixAccess#inherit}). */
    private static void inheritDefaultAcl(final PathNode parent, final PathNode child) {
        final PosixAccess.AppliedAcl inherited = parent == null ? null
                : PosixAccess.inherit(parent.extendedAcl, child.permissions, child.directory);
        if (inherited != null) {
            child.permissions = inherited.permissions();
            child.extendedAcl = inherited.extendedAcl();
        }
    }

    private static void checkConditions(final AccessConditions conditions, final PathNode existing) {
        final String etag = existing == null ? null : existing.etag;
        final Instant lastModified = existing == null ? null : existing.lastModified;
        if (!conditions.holds(etag, lastModified)) {
            if (conditions.failsOnlyBecauseItExists(etag)) {
                throw AdlsServiceException.pathAlreadyExists();
            }
            throw AdlsServiceException.conditionNotMet();
        }
    }

    private static void applyHeaders(final PathNode node, final ContentHeaders headers) {
        if (headers.contentType() != null) {
            node.contentType = headers.contentType();
        }
        if (headers.cacheControl() != null) {
            node.cacheControl = headers.cacheControl();
        }
        if (headers.contentEncoding() != null) {
            node.contentEncoding = headers.contentEncoding();
        }
        if (headers.contentLanguage() != null) {
            node.contentLanguage = headers.contentLanguage();
        }
        if (headers.contentDisposition() != null) {
            node.contentDisposition = headers.contentDisposition();
        }
    }

    private static PathSnapshot snapshot(final String name, final PathNode node) {
        return new PathSnapshot(name, node.directory, node.etag, node.lastModified, node.created, node.length,
                node.contentMd5, Map.copyOf(node.metadata), node.owner, node.group, node.permissions, node.extendedAcl,
                node.contentType, node.cacheControl, node.contentEncoding, node.contentLanguage, node.contentDisposition,
                node.contentFile);
    }

    private static FileSystemSnapshot snapshot(final FileSystemEntry entry) {
        return new FileSystemSnapshot(entry.name, entry.etag, entry.lastModified, Map.copyOf(entry.metadata));
    }

    private static void appendChunks(final Path content, final long offset, final List<PathNode.StagedChunk> chunks) {
        try (FileChannel target = FileChannel.open(content, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Bytes past the committed length may be left over from a flush that failed its MD5 check.
            target.truncate(offset);
            long position = offset;
            for (final PathNode.StagedChunk chunk : chunks) {
                try (FileChannel source = FileChannel.open(chunk.file(), StandardOpenOption.READ)) {
                    long copied = 0;
                    while (copied < chunk.length()) {
                        copied += target.transferFrom(source, position + copied, chunk.length() - copied);
                        source.position(copied);
                    }
                }
                position += chunk.length();
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5Base64(final Path content, final long length) {
        try (InputStream input = Files.newInputStream(content)) {
            final MessageDigest digest = MessageDigest.getInstance("MD5");
            final byte[] buffer = new byte[64 * 1024];
            long remaining = length;
            while (remaining > 0) {
                final int read = input.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    break;
                }
                digest.update(buffer, 0, read);
                remaining -= read;
            }
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Called under the namespace lock: the files holding a removed node's bytes, to delete once the lock is released. */
    private static void collectBytes(final PathNode node, final List<Path> files) {
        if (node == null) {
            return;
        }
        for (final PathNode.StagedChunk chunk : node.staged.values()) {
            files.add(chunk.file());
        }
        node.staged.clear();
        if (node.contentFile != null) {
            files.add(node.contentFile);
        }
    }

    private static void deleteAll(final List<Path> files) {
        for (final Path file : files) {
            deleteQuietly(file);
        }
    }

    static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            // a leftover file in the data directory does no harm
        }
    }

    private static String encodeToken(final String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(final String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw AdlsServiceException.badRequest("InvalidQueryParameterValue", "The continuation token is invalid.");
        }
    }
}
