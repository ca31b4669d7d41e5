package io.nififusion.core.copy;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Applies replication operations to the ADLS target (DESIGN §2: the source is the truth, a record is a hint). Every
 * operation reads the current state of its path at the source and at the target and makes the target match the
 * source for that path: COPY, MKDIR and METADATA as states, DELETE only of what the source no longer holds, RENAME as
 * an atomic move only when the target holds the very inode that was renamed, and RECONCILE (or PRUNE) of a subtree for
 * everything ambiguous. Each kind of operation has its applier ({@link FileCopier}, {@link DirectoryApplier},
 * {@link DeleteApplier}, {@link RenameApplier}, {@link MetadataOperationApplier}, {@link TreeReconciler}); this class
 * dispatches to them and prunes what vanished at the source meanwhile. Every source call runs through
 * {@link SourceAccess}; every failure leaves as a classified {@link ReplicationException}.
 */
public final class AdlsReplicator {
    private static final Logger LOGGER = LoggerFactory.getLogger(AdlsReplicator.class);

    private static final int TEMP_DELETES_PER_OPERATION = 4;

    private final ReplicationPaths paths;
    private final ReplicationErrorClassifier classifier;
    private final FileCopier fileCopier;
    private final DirectoryApplier directories;
    private final TreeReconciler reconciler;
    private final DeleteApplier deletes;
    private final RenameApplier renames;
    private final MetadataOperationApplier metadata;
    private final VanishedParentPruner vanishedParents;

    /**
     * @param executor runs chunk reads and appends of big files; bounded by the caller
     * @param throttle the node's bandwidth limit, shared by all copies
     * @param authenticationMode the target's credential mode, named in authorization failures
     */
    public AdlsReplicator(final SourceAccess source, final DataLakeFileSystemClient target, final TargetPathMapper pathMapper,
                          final ReplicatorSettings settings, final Executor executor, final BandwidthThrottle throttle,
                          final String authenticationMode) {
        this(source, target, pathMapper, settings, executor, throttle, authenticationMode, Clock.systemUTC());
    }

    /** @param clock judges the age of orphaned temp files and names the trash batches of deleted and replaced versions */
    public AdlsReplicator(final SourceAccess source, final DataLakeFileSystemClient target, final TargetPathMapper pathMapper,
                          final ReplicatorSettings settings, final Executor executor, final BandwidthThrottle throttle,
                          final String authenticationMode, final Clock clock) {
        this.paths = new ReplicationPaths(source, target, pathMapper);
        this.classifier = new ReplicationErrorClassifier(authenticationMode);
        final MetadataApplier metadataApplier = new MetadataApplier(source, target, settings.metadataPreservation(), settings.identityMapping());
        final ChunkedCopier copier = new ChunkedCopier(settings.chunkSize(), settings.parallelism(), settings.checkpointInterval(), executor,
                throttle, classifier);
        // a replaced version is saved in chunks like a copy, without checkpoints: a save that fails starts over in a new batch
        final ReplacedVersions replacedVersions = settings.keepReplacedVersions()
                ? new ReplacedVersions(new ReplacedVersionSaver(paths, classifier, new ChunkedCopier(settings.chunkSize(), settings.parallelism(), 0,
                        executor, throttle, classifier), new TempPathNames(settings.tempPrefix()), settings.appendMd5(), clock))
                : ReplacedVersions.NONE;
        this.fileCopier = new FileCopier(paths, settings, classifier, copier, metadataApplier, throttle, replacedVersions);
        this.directories = new DirectoryApplier(paths, settings, metadataApplier);
        this.reconciler = new TreeReconciler(paths, settings, clock, new ReconcileActions());
        this.deletes = new DeleteApplier(paths, settings, classifier, reconciler, clock);
        this.renames = new RenameApplier(paths, settings, classifier, reconciler, deletes, replacedVersions);
        this.metadata = new MetadataOperationApplier(paths, settings, metadataApplier, reconciler);
        this.vanishedParents = new VanishedParentPruner(paths, settings, deletes);
    }

    /**
     * Applies one operation.
     *
     * @param keepRunning checked between chunks of long copies and directories of reconciles; false stops them as a transient failure
     */
    public ReplicationOutcome apply(final ReplicationOperation operation, final BooleanSupplier keepRunning) throws ReplicationException {
        return apply(operation, null, keepRunning);
    }

    /**
     * Applies one operation, resuming the checkpointed temp a failed attempt of the same record reported
     * ({@link ReplicationException#getResumableTempPath()}).
     */
    public ReplicationOutcome apply(final ReplicationOperation operation, final String resumeTempPath, final BooleanSupplier keepRunning)
            throws ReplicationException {
        return apply(operation, resumeTempPath, false, keepRunning);
    }

    /**
     * The same for a record a verification sent back because the target's bytes differ from the source version the
     * target records ({@code targetDisproved}): a COPY then writes the file again instead of skipping it as current.
     */
    public ReplicationOutcome apply(final ReplicationOperation operation, final String resumeTempPath, final boolean targetDisproved,
                                    final BooleanSupplier keepRunning) throws ReplicationException {
        final long started = System.nanoTime();
        paths.retryTempDeletes(TEMP_DELETES_PER_OPERATION);
        try {
            final ReplicationOutcome outcome = switch (operation.type()) {
                case COPY -> fileCopier.copy(operation.path(), resumeTempPath, targetDisproved, keepRunning, path -> reconcile(path, keepRunning));
                case MKDIR -> mkdir(operation.path(), keepRunning);
                case DELETE -> deletes.delete(operation.path(), keepRunning);
                case RENAME -> renames.rename(operation.sourcePath(), operation.path(), keepRunning);
                case METADATA -> metadata.apply(operation.path(), operation.changeSource() == ChangeSource.SNAPSHOT_DIFF, keepRunning);
                case RECONCILE -> reconcile(operation.path(), keepRunning);
                case PRUNE -> reconciler.reconcile(operation.path(), true, keepRunning);
            };
            final String pruned = vanishedParents.prune(renameOrigin(operation), outcome.originWritten(),
                    outcome.sourceSeenAfter() ? null : operation.path(), outcome.targetWritten(), keepRunning);
            final ReplicationOutcome withParents = pruned == null ? outcome : outcome.withDetailAppended("; " + pruned);
            return withParents.withDuration(System.nanoTime() - started);
        } catch (final ReplicationException e) {
            pruneAfterFailure(operation, keepRunning);
            throw e;
        } catch (final IOException | RuntimeException e) {
            pruneAfterFailure(operation, keepRunning);
            throw classifier.classify(e, operation.type() + " " + operation.path());
        }
    }

    private static String renameOrigin(final ReplicationOperation operation) {
        return operation.type() == OperationType.RENAME ? operation.sourcePath() : null;
    }

    /**
     * A failed operation may have created paths at the target before it failed (a temp, a directory) and its retry may
     * find nothing left to do: the parents the source no longer has are pruned now, as far as the target lets us.
     */
    private void pruneAfterFailure(final ReplicationOperation operation, final BooleanSupplier keepRunning) {
        if (!keepRunning.getAsBoolean()) {
            return;
        }
        try {
            vanishedParents.prune(renameOrigin(operation), true, operation.path(), true, keepRunning);
        } catch (final ReplicationException | IOException | RuntimeException e) {
            LOGGER.debug("Pruning the vanished parents of failed {} {} failed too", operation.type(), operation.path(), e);
        }
    }

    /** Deletes the temps that could not be deleted when their copies ended; the processor calls it when it stops. */
    public void retryTempDeletes() {
        paths.retryTempDeletes(Integer.MAX_VALUE);
    }

    /** RECONCILE: the subtree at the path made to match the source, copies and deletes included. */
    public ReplicationOutcome reconcile(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        return reconciler.reconcile(sourcePath, false, keepRunning);
    }

    private ReplicationOutcome mkdir(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final SourceFile sourceDirectory = paths.stat(sourcePath);
        if (sourceDirectory == null) {
            return ReplicationOutcome.noop(paths.toTargetPath(sourcePath), "Source " + sourcePath + " no longer exists; a later operation says what happened to it");
        }
        final TargetState state = paths.targetState(paths.toTargetPath(sourcePath));
        if (!sourceDirectory.directory() || state.exists() && !state.directory()) {
            return reconcile(sourcePath, keepRunning);
        }
        return directories.ensure(sourceDirectory);
    }

    /** The replicator's own operations, as the reconcile walk asks for them. */
    private final class ReconcileActions implements TreeReconciler.PathActions {
        @Override
        public ReplicationOutcome copyFile(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
            try {
                // a type change found inside a reconcile was just resolved by it: one that reappears is a rival writer, try later
                return fileCopier.copy(sourcePath, null, keepRunning, path -> {
                    throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE, "Target of " + path + " changed type while reconciling it", null);
                });
            } catch (final ReplicationException e) {
                if (e.getResumableTempPath() == null) {
                    throw e;
                }
                // only a COPY record resumes its temp; the retry of a reconcile walks again and starts a new one
                paths.deleteQuietly(e.getResumableTempPath());
                throw e.withResumableTempPath(null);
            }
        }

        @Override
        public ReplicationOutcome ensureDirectory(final SourceFile sourceDirectory) throws ReplicationException, IOException {
            return directories.ensure(sourceDirectory);
        }

        @Override
        public ReplicationOutcome deleteExtra(final String sourcePath, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
            return deletes.delete(sourcePath, keepRunning);
        }

        @Override
        public void removeForTypeChange(final String sourcePath, final String targetPath, final TargetState state) throws ReplicationException {
            deletes.removeForTypeChange(sourcePath, targetPath, state);
        }
    }
}
