package io.nififusion.core.copy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import io.nififusion.core.checksum.SourceChecksum;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.AclEntry;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Applies source permission, owner, group, ACL and times to target paths, as the Preserve Metadata policy says. */
final class MetadataApplier {
    private static final int SETTLE_ROUNDS = 3;

    private final SourceAccess source;
    private final DataLakeFileSystemClient target;
    private final MetadataPreservation preservation;
    private final IdentityMapping identityMapping;
    private final AccessControlTranslator aclTranslator;

    MetadataApplier(final SourceAccess source, final DataLakeFileSystemClient target, final MetadataPreservation preservation,
                    final IdentityMapping identityMapping) {
        this.source = source;
        this.target = target;
        this.preservation = preservation;
        this.identityMapping = identityMapping;
        this.aclTranslator = new AccessControlTranslator(identityMapping);
    }

    /**
     * A source whose times changed but whose bytes did not (same inode and length, and its COMPOSITE_CRC equals the
     * recorded CRC32C) gets its new modification time recorded, so later COPY operations skip it instead of copying the
     * same bytes again.
     *
     * @return the target's state after: {@code state} itself when nothing was recorded, else the state with the new
     *     metadata and entity tag (no second read of the target needed)
     */
    TargetState refreshVersionAfterTimesChange(final SourceFile current, final String targetPath, final TargetState state) throws IOException {
        final TargetVersion recorded = state.version();
        if (current.directory() || recorded == null || recorded.crc32c() == null || recorded.fileId() != current.fileId()
                || recorded.length() != current.length() || recorded.modificationTime() == current.modificationTime()) {
            return state;
        }
        final SourceChecksum checksum = source.execute(fileSystem -> SourceChecksum.read(fileSystem, new Path(current.path()), current.length()));
        if (!checksum.isAvailable() || !checksum.crc32c().equals(recorded.crc32c())) {
            return state;
        }
        final Map<String, String> metadata = new LinkedHashMap<>(state.metadata());
        metadata.keySet().removeIf(TargetVersion.MODIFICATION_TIME_KEY::equalsIgnoreCase);
        metadata.put(TargetVersion.MODIFICATION_TIME_KEY, Long.toString(current.modificationTime()));
        final Response<Void> response = target.getFileClient(targetPath)
                .setMetadataWithResponse(metadata, new DataLakeRequestConditions().setIfMatch(state.etag()), null, Context.NONE);
        return TargetState.of(false, state.length(), response.getHeaders().getValue(HttpHeaderName.ETAG), metadata);
    }

    /** Applies permission, owner, group, ACL and times as the policy says; returns what was done. */
    String applyMetadata(final SourceFile current, final String targetPath, final TargetState state) throws IOException {
        final DataLakeFileClient client = target.getFileClient(targetPath);
        final StringBuilder detail = new StringBuilder("Applied");
        final String owner = preservation.ownership() ? identityMapping.userObjectId(current.status().getOwner()) : null;
        final String group = preservation.ownership() ? identityMapping.groupObjectId(current.status().getGroup()) : null;
        final List<AclEntry> extended = preservation.acl()
                ? source.execute(fileSystem -> fileSystem.getAclStatus(new Path(current.path())).getEntries())
                : List.of();
        if (!extended.isEmpty()) {
            final AccessControlTranslator.TranslatedAcl acl = aclTranslator.translate(current.status().getPermission(), extended);
            // the Java SDK takes the group before the owner
            client.setAccessControlList(acl.entries(), group, owner);
            detail.append(" ACL");
            appendUnmapped(detail, acl.unmappedNames());
        } else if (preservation.permissions()) {
            client.setPermissions(AccessControlTranslator.toPathPermissions(current.status().getPermission()), group, owner);
            detail.append(" permissions");
        }
        if (preservation.permissions()) {
            settle(client, current);
        }
        if (preservation.ownership()) {
            detail.append(owner == null ? " (owner unmapped)" : " owner").append(group == null ? " (group unmapped)" : " group");
        }
        if (preservation.times()) {
            final String accessTime = Long.toString(current.status().getAccessTime());
            // a chmod, chown or setfacl leaves the access time as the target records it: nothing to write
            if (!accessTime.equals(TargetVersion.metadataValue(state.metadata(), ReplicationMetadata.ACCESS_TIME_KEY))) {
                final Map<String, String> metadata = new LinkedHashMap<>(state.metadata());
                metadata.keySet().removeIf(ReplicationMetadata.ACCESS_TIME_KEY::equalsIgnoreCase);
                metadata.put(ReplicationMetadata.ACCESS_TIME_KEY, accessTime);
                client.setMetadata(metadata);
            }
            detail.append(" times");
        }
        return detail.toString();
    }

    /** Owner, group and extended ACL after a copy or mkdir, when preserved: the create request carried the permission bits already. */
    void applyOwnershipAndAcl(final DataLakeFileClient client, final SourceFile sourceFile) throws IOException {
        if (preservation.ownership() || preservation.acl()) {
            applyAccess(client, sourceFile);
        }
    }

    /**
     * Permission bits, owner, group and extended ACL of an existing target path, as the policy says: for a path whose
     * bytes are already right, so that access converges even where an earlier attempt stopped before applying it.
     * Then settled: the source is read again and any access it has now that differs is written again (see
     * {@link #settle}).
     */
    void applyAccess(final DataLakeFileClient client, final SourceFile sourceFile) throws IOException {
        if (!preservation.permissions()) {
            return;
        }
        writeAccess(client, sourceFile);
        settle(client, sourceFile);
    }

    private void writeAccess(final DataLakeFileClient client, final SourceFile sourceFile) throws IOException {
        final String owner = preservation.ownership() ? identityMapping.userObjectId(sourceFile.status().getOwner()) : null;
        final String group = preservation.ownership() ? identityMapping.groupObjectId(sourceFile.status().getGroup()) : null;
        final List<AclEntry> extended = preservation.acl() && sourceFile.status().hasAcl()
                ? source.execute(fileSystem -> fileSystem.getAclStatus(new Path(sourceFile.path())).getEntries())
                : List.of();
        if (!extended.isEmpty()) {
            client.setAccessControlList(aclTranslator.translate(sourceFile.status().getPermission(), extended).entries(), group, owner);
        } else {
            client.setPermissions(AccessControlTranslator.toPathPermissions(sourceFile.status().getPermission()), group, owner);
        }
    }

    /**
     * Access is a state with no version: a chmod, chown or setfacl changes neither length, modification time nor
     * inode, and a target path takes the access of whichever write came last. A writer holding an older read (a slow
     * task, a second copy of the record on another node) may write after the one that applied the newer access, so
     * every writer reads the source again after writing: access that differs from what it wrote is written again, until
     * a read after its last write confirms it. Whatever the order of the writers, the last write is then of access the
     * source held after every earlier write; a change after that read brings a record of its own.
     */
    private void settle(final DataLakeFileClient client, final SourceFile written) throws IOException {
        SourceFile applied = written;
        for (int round = 0; round < SETTLE_ROUNDS; round++) {
            final SourceFile now = ReplicationPaths.stat(source, applied.path());
            if (now == null || now.fileId() != applied.fileId() || now.directory() != applied.directory() || sameAccess(applied, now)) {
                // gone or another inode now: the operation that follows says what happened to it
                return;
            }
            writeAccess(client, now);
            applied = now;
        }
        throw new IOException("The access of " + written.path() + " kept changing while it was applied; the operation is tried again");
    }

    /**
     * Access after a commit. The temp was created with the permissions the source had when the copy began; a chmod or
     * setfacl changes no version (length, modification time, inode), so the commit does not see it: when the source
     * read again after the commit ({@code now}, null when gone) has other access, the committed file gets that.
     */
    void applyAccessAfterCommit(final String targetPath, final SourceFile before, final SourceFile now) throws IOException {
        // the client is built only when something is sent: the SDK builds a pipeline of clients for every path
        if (now != null && before.sameVersion(now) && !sameAccess(before, now)) {
            applyAccess(target.getFileClient(targetPath), now);
        } else if (preservation.ownership() || preservation.acl()) {
            applyOwnershipAndAcl(target.getFileClient(targetPath), before);
        }
    }

    private static boolean sameAccess(final SourceFile before, final SourceFile now) {
        return before.status().getPermission().equals(now.status().getPermission()) && before.status().hasAcl() == now.status().hasAcl()
                && Objects.equals(before.status().getOwner(), now.status().getOwner())
                && Objects.equals(before.status().getGroup(), now.status().getGroup());
    }

    private static void appendUnmapped(final StringBuilder detail, final Set<String> unmapped) {
        if (!unmapped.isEmpty()) {
            detail.append(" (left out unmapped ").append(String.join(", ", unmapped)).append(')');
        }
    }
}
