package io.nififusion.core.restore;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.nififusion.core.copy.AdlsReplicator;
import io.nififusion.core.copy.BandwidthThrottle;
import io.nififusion.core.copy.DeletePolicy;
import io.nififusion.core.copy.ExistingTargetPolicy;
import io.nififusion.core.copy.IdentityMapping;
import io.nififusion.core.copy.MetadataPreservation;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.copy.ReplicationOutcome;
import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/** A migrated tree to restore from: a source root on the MiniDFSCluster replicated by the real replicator to a fresh emulator filesystem. */
final class RestoreFixture {
    static final String IDENTITIES = "user:alice=11111111-aaaa-4000-8000-000000000001\ngroup:analysts=22222222-bbbb-4000-8000-000000000002\n";

    final MiniDfsExtension hdfs;
    final String sourceRoot;
    final DataLakeFileSystemClient fileSystem;
    final TargetPathMapper mapper;
    final IdentityMapping identities;
    private final AdlsReplicator replicator;

    RestoreFixture(final MiniDfsExtension hdfs, final AdlsEmulator emulator, final String testName, final ExecutorService executor,
                   final DeletePolicy deletePolicy, final int maxTries) throws IOException {
        this.hdfs = hdfs;
        final String name = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        this.sourceRoot = "/src/" + name;
        hdfs.mkdirs(sourceRoot);
        this.fileSystem = new DataLakeServiceClientBuilder()
                .endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, maxTries, 30, 50L, 200L, null))
                .buildClient()
                .createFileSystem(name.substring(0, Math.min(48, name.length())));
        this.mapper = new TargetPathMapper(sourceRoot, "mirror");
        this.identities = IdentityMapping.parse(new StringReader(IDENTITIES), "identities");
        this.replicator = new AdlsReplicator(SourceAccess.direct(hdfs.getFileSystem()), fileSystem, mapper,
                ReplicatorSettings.defaults().withChunking(256 * 1024, 4, 2)
                        .withPolicies(ExistingTargetPolicy.OVERWRITE, deletePolicy, MetadataPreservation.ALL, identities),
                executor, new BandwidthThrottle(0), "Account Key");
    }

    ReplicationOutcome apply(final OperationType type, final String relativePath) throws ReplicationException {
        return replicator.apply(new ReplicationOperation(type, sourceRoot + relativePath, null, false, -1, -1, -1, null, null, null, -1,
                ChangeSource.SCAN, null), () -> true);
    }

    /** Replicates the whole source root the way a reconcile does. */
    void migrate() throws ReplicationException {
        apply(OperationType.RECONCILE, "");
    }

    void chown(final String relativePath, final String owner, final String group) throws IOException {
        hdfs.getFileSystem().setOwner(new Path(sourceRoot + relativePath), owner, group);
    }

    FileStatus status(final String path) throws IOException {
        return hdfs.getFileSystem().getFileStatus(new Path(path));
    }

    /** Every name below an HDFS directory, hidden ones included, relative to it. */
    List<String> namesBelow(final String directory) throws IOException {
        final List<String> names = new ArrayList<>();
        if (!hdfs.getFileSystem().exists(new Path(directory))) {
            return names;
        }
        collect(new Path(directory), "", names);
        return names;
    }

    private void collect(final Path directory, final String prefix, final List<String> names) throws IOException {
        for (final FileStatus child : hdfs.getFileSystem().listStatus(directory)) {
            final String name = prefix + child.getPath().getName();
            names.add(name);
            if (child.isDirectory()) {
                collect(child.getPath(), name + "/", names);
            }
        }
    }
}
