package io.nififusion.processors.torture;

import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The production cluster in use while the migration runs: a seeded random mix of changes to the source, with the
 * patterns real Hadoop clients produce and replicators get wrong (log rotation chains, swaps, re-created names, type
 * changes at one path, {@code ._COPYING_} puts, {@code _temporary} job commits, writers held open across many
 * operations, bursts of small files). Every choice comes from the seeded random and the {@link SourceModel}, so a seed
 * replays the same sequence of operations.
 */
final class TortureWorkload {
    private static final long WORKLOAD_SALT = 0x5EED_0001L;
    private static final int MAX_OPEN_WRITERS = 3;
    private static final List<String> USERS = List.of("alice", "bob");
    private static final List<String> GROUPS = List.of("etl", "analysts");
    private static final List<String> ACL_ENTRIES = List.of("user:alice:r-x", "user:bob:rw-", "group:etl:r--", "group:analysts:rwx");
    private static final short[] FILE_PERMISSIONS = {0644, 0600, 0640, 0444, 0755, 0700};
    private static final short[] DIRECTORY_PERMISSIONS = {0755, 0750, 0700, 01777, 0775};

    private final Random random;
    private final TortureLayout layout;
    private final SourceModel model;
    private final SourceOperations source;
    private final NameGenerator names = new NameGenerator();
    private final TortureLog log;
    private final long blockSize;
    private final Map<WorkloadOperation, Integer> counts = new EnumMap<>(WorkloadOperation.class);

    TortureWorkload(final DistributedFileSystem fileSystem, final TortureLayout layout, final long seed, final long blockSize, final TortureLog log) {
        this.random = new Random(seed ^ WORKLOAD_SALT);
        this.layout = layout;
        this.model = new SourceModel(layout.base());
        this.source = new SourceOperations(fileSystem, model, log);
        this.log = log;
        this.blockSize = blockSize;
    }

    /** The listing roots and the two outside areas, before anything else exists. */
    void createDirectories() {
        for (final String root : layout.listingRoots()) {
            source.mkdirs(root);
        }
        source.mkdirs(layout.mappedOutside());
        source.mkdirs(layout.unmappedOutside());
    }

    /** What the source holds when the migration starts, including a writer already open. */
    void prepopulate() {
        log.add("prepopulate");
        for (final String root : layout.listingRoots()) {
            for (int directory = 0; directory < 3; directory++) {
                final String path = root + "/" + names.directoryName(random);
                for (int file = 0; file < 4; file++) {
                    source.create(path + "/" + names.fileName(random), randomContent(), false);
                }
            }
        }
        final String sales = layout.listingRoots().get(0);
        source.create(sales + "/" + names.fileName(random), multiBlockContent(), false);
        source.create(sales + "/" + names.fileName(random), new byte[0], false);
        final String logs = layout.listingRoots().get(1);
        for (int app = 0; app < 2; app++) {
            final String directory = logs + "/" + names.plainName("app");
            source.create(directory + "/log.1", bytes(1 + random.nextInt(4000)), false);
            source.create(directory + "/log", bytes(1 + random.nextInt(4000)), false);
        }
        for (final String area : List.of(layout.mappedOutside(), layout.unmappedOutside())) {
            final String directory = area + "/" + names.directoryName(random);
            source.create(directory + "/" + names.fileName(random), randomContent(), false);
            source.create(directory + "/" + names.fileName(random), randomContent(), false);
        }
        source.openWriter(sales + "/" + names.fileName(random), bytes(1 + random.nextInt(3000)));
    }

    void step(final int index) {
        WorkloadOperation chosen = WorkloadOperation.at(random.nextInt(WorkloadOperation.totalWeight()));
        log.add("step " + index + ": " + chosen);
        if (!perform(chosen, index)) {
            log.add("  no operand for " + chosen + ": CREATE instead");
            chosen = WorkloadOperation.CREATE;
            perform(chosen, index);
        }
        counts.merge(chosen, 1, Integer::sum);
    }

    /** Closes the writers still open: a source with open files never becomes quiet. */
    void finish() {
        log.add("workload done: closing " + source.openWriterPaths().size() + " open writers");
        source.closeAllWriters();
        source.closeLeftoverFiles(model.files(path -> true));
    }

    long primitivesPerformed() {
        return source.getPerformed();
    }

    long primitivesFailed() {
        return source.getFailed();
    }

    /**
     * The text to find a path's history by in the logs: its last name when the workload made that name up (unique in the
     * run, so it also finds the renames of its ancestors' subtree it went through), else the whole path.
     */
    String historyKey(final String path) {
        final String name = nameOf(path);
        return names.isGenerated(name) ? name : path;
    }

    Map<WorkloadOperation, Integer> counts() {
        return counts;
    }

    /** @return false when the source holds nothing the operation could act on */
    private boolean perform(final WorkloadOperation operation, final int index) {
        return switch (operation) {
            case CREATE -> create(randomContent());
            case CREATE_EMPTY -> create(new byte[0]);
            case CREATE_MULTI_BLOCK -> create(multiBlockContent());
            case MKDIR -> mkdir();
            case APPEND -> append();
            case OVERWRITE -> overwrite();
            case TRUNCATE -> truncate();
            case RENAME_FILE -> renameFile();
            case RENAME_DIRECTORY -> renameDirectory();
            case RENAME_INTO_ROOTS -> renameIntoRoots();
            case RENAME_OUT_OF_ROOTS -> renameOutOfRoots();
            case DELETE_FILE -> deleteFile();
            case DELETE_TREE -> deleteTree();
            case CHMOD -> chmod();
            case CHOWN -> chown();
            case SETFACL -> setfacl();
            case LOG_ROTATION -> rotateLog();
            case SWAP -> swap();
            case RENAME_THEN_RECREATE_FILE -> renameThenRecreateFile();
            case RENAME_THEN_RECREATE_DIRECTORY -> renameThenRecreateDirectory();
            case DELETE_THEN_RECREATE -> deleteThenRecreate();
            case FILE_TO_DIRECTORY -> fileToDirectory();
            case DIRECTORY_TO_FILE -> directoryToFile();
            case PUT_WITH_COPYING_NAME -> putWithCopyingName();
            case JOB_COMMIT -> commitJob(index);
            case OPEN_WRITER -> openWriter();
            case WRITE_TO_OPEN_WRITER -> writeToOpenWriter();
            case CLOSE_WRITER -> closeWriter();
            case BACKLOG -> backlog();
        };
    }

    private boolean create(final byte[] content) {
        String directory = pick(rootDirectories());
        if (random.nextInt(10) < 3) {
            directory = directory + "/" + names.directoryName(random);
        }
        source.create(directory + "/" + names.fileName(random), content, false);
        return true;
    }

    private boolean mkdir() {
        String directory = pick(rootDirectories()) + "/" + names.directoryName(random);
        if (random.nextBoolean()) {
            directory = directory + "/" + names.directoryName(random);
        }
        source.mkdirs(directory);
        return true;
    }

    private boolean append() {
        final String file = pick(closedFiles());
        if (file == null) {
            return false;
        }
        source.append(file, bytes(1 + random.nextInt(5000)));
        return true;
    }

    private boolean overwrite() {
        final String file = pick(closedFiles());
        if (file == null) {
            return false;
        }
        source.create(file, randomContent(), true);
        return true;
    }

    private boolean truncate() {
        final String file = pick(closedFiles());
        if (file == null) {
            return false;
        }
        final long length = source.getFileLength(file);
        source.truncate(file, length <= 0 ? 0 : random.nextLong(length));
        return true;
    }

    private boolean renameFile() {
        final String file = pick(files());
        if (file == null) {
            return false;
        }
        source.rename(file, pick(rootDirectories()) + "/" + names.fileName(random), false);
        return true;
    }

    private boolean renameDirectory() {
        final String directory = pick(innerDirectories());
        if (directory == null) {
            return false;
        }
        final List<String> destinations = new ArrayList<>();
        for (final String candidate : rootDirectories()) {
            if (!SourceModel.isAtOrBelow(candidate, directory)) {
                destinations.add(candidate);
            }
        }
        source.rename(directory, pick(destinations) + "/" + names.directoryName(random), false);
        return true;
    }

    /** Moves a file or a tree from outside the roots (mapped or not) into one: the target sees it appear whole. */
    private boolean renameIntoRoots() {
        final String area = random.nextBoolean() ? layout.mappedOutside() : layout.unmappedOutside();
        final List<String> waiting = model.children(area);
        final String item;
        if (!waiting.isEmpty() && random.nextBoolean()) {
            item = pick(waiting);
        } else if (random.nextBoolean()) {
            item = area + "/" + names.fileName(random);
            source.create(item, randomContent(), false);
        } else {
            item = area + "/" + names.directoryName(random);
            source.mkdirs(item);
            final int files = 1 + random.nextInt(3);
            for (int file = 0; file < files; file++) {
                source.create(item + "/" + names.fileName(random), randomContent(), false);
            }
        }
        final String name = model.isDirectory(item) ? names.directoryName(random) : names.fileName(random);
        source.rename(item, pick(rootDirectories()) + "/" + name, false);
        return true;
    }

    private boolean renameOutOfRoots() {
        final List<String> candidates = new ArrayList<>(files());
        candidates.addAll(innerDirectories());
        final String item = pick(candidates);
        if (item == null) {
            return false;
        }
        final String area = random.nextBoolean() ? layout.mappedOutside() : layout.unmappedOutside();
        source.rename(item, area + "/" + names.fileName(random), false);
        return true;
    }

    private boolean deleteFile() {
        final String file = pick(files());
        if (file == null) {
            return false;
        }
        source.delete(file);
        return true;
    }

    private boolean deleteTree() {
        final String directory = pick(innerDirectories());
        if (directory == null) {
            return false;
        }
        source.delete(directory);
        return true;
    }

    private boolean chmod() {
        final String path = pick(filesAndInnerDirectories());
        if (path == null) {
            return false;
        }
        final short[] choices = model.isDirectory(path) ? DIRECTORY_PERMISSIONS : FILE_PERMISSIONS;
        source.chmod(path, choices[random.nextInt(choices.length)]);
        return true;
    }

    private boolean chown() {
        final String path = pick(filesAndInnerDirectories());
        if (path == null) {
            return false;
        }
        source.chown(path, pick(USERS), pick(GROUPS));
        return true;
    }

    private boolean setfacl() {
        final String path = pick(filesAndInnerDirectories());
        if (path == null) {
            return false;
        }
        if (random.nextInt(10) < 7) {
            source.addAclEntry(path, pick(ACL_ENTRIES));
        } else {
            source.removeAcl(path);
        }
        return true;
    }

    /** mv log.2 log.3; mv log.1 log.2; mv log log.1; then a new log, sometimes kept open by a live appender. */
    private boolean rotateLog() {
        final String logs = layout.listingRoots().get(1);
        final List<String> apps = model.directories(path -> logs.equals(SourceModel.parentOf(path)) && nameOf(path).startsWith("app-"));
        final String app;
        if (apps.isEmpty() || random.nextInt(5) == 0) {
            app = logs + "/" + names.plainName("app");
            source.mkdirs(app);
        } else {
            app = pick(apps);
        }
        for (int generation = 2; generation >= 0; generation--) {
            final String older = app + "/log" + (generation == 0 ? "" : "." + generation);
            final String newer = app + "/log." + (generation + 1);
            // Another operation may have turned a generation into a directory: a rotation only ever replaces files
            if (model.isFile(older) && !model.isDirectory(newer)) {
                source.rename(older, newer, true);
            }
        }
        if (model.exists(app + "/log")) {
            return true;
        }
        if (random.nextInt(10) < 3 && source.openWriterPaths().size() < MAX_OPEN_WRITERS) {
            source.openWriter(app + "/log", bytes(1 + random.nextInt(3000)));
        } else {
            source.create(app + "/log", bytes(1 + random.nextInt(3000)), false);
        }
        return true;
    }

    /** a and b trade names through a third name, as files or as directories. */
    private boolean swap() {
        final boolean directories = random.nextBoolean();
        final List<String> candidates = directories ? innerDirectories() : closedFiles();
        final String first = pick(candidates);
        if (first == null) {
            return false;
        }
        final List<String> partners = new ArrayList<>();
        for (final String candidate : candidates) {
            if (!SourceModel.isAtOrBelow(candidate, first) && !SourceModel.isAtOrBelow(first, candidate)) {
                partners.add(candidate);
            }
        }
        final String second = pick(partners);
        if (second == null) {
            return false;
        }
        final String parking = first + ".swap";
        if (source.rename(first, parking, false) && source.rename(second, first, false)) {
            source.rename(parking, second, false);
        }
        return true;
    }

    private boolean renameThenRecreateFile() {
        final String file = pick(closedFiles());
        if (file == null) {
            return false;
        }
        source.rename(file, SourceModel.parentOf(file) + "/" + names.fileName(random), false);
        source.create(file, randomContent(), false);
        return true;
    }

    /** mv d e; mkdir d; and files under d with the names d had: same paths, other inodes. */
    private boolean renameThenRecreateDirectory() {
        final String directory = pick(innerDirectories());
        if (directory == null) {
            return false;
        }
        final List<String> childNames = fileChildNames(directory, 2);
        source.rename(directory, SourceModel.parentOf(directory) + "/" + names.directoryName(random), false);
        source.mkdirs(directory);
        for (final String name : childNames) {
            source.create(directory + "/" + name, randomContent(), false);
        }
        return true;
    }

    /** rm -r d; mkdir d; put d/g, where g is a name d had when there was one. */
    private boolean deleteThenRecreate() {
        final String directory = pick(innerDirectories());
        if (directory == null) {
            return false;
        }
        final List<String> childNames = fileChildNames(directory, 1);
        source.delete(directory);
        source.mkdirs(directory);
        source.create(directory + "/" + childNames.get(0), randomContent(), false);
        return true;
    }

    private boolean fileToDirectory() {
        final String file = pick(closedFiles());
        if (file == null) {
            return false;
        }
        source.delete(file);
        source.mkdirs(file);
        source.create(file + "/" + names.fileName(random), randomContent(), false);
        return true;
    }

    private boolean directoryToFile() {
        final String directory = pick(innerDirectories());
        if (directory == null) {
            return false;
        }
        source.delete(directory);
        source.create(directory, randomContent(), false);
        return true;
    }

    /** hdfs dfs -put: the bytes go to x._COPYING_ (excluded), then one rename makes x, new or replaced. */
    private boolean putWithCopyingName() {
        final String directory = pick(rootDirectories());
        final List<String> existing = new ArrayList<>();
        for (final String child : model.children(directory)) {
            if (model.isFile(child) && !source.isOpen(child)) {
                existing.add(child);
            }
        }
        final String file = !existing.isEmpty() && random.nextBoolean() ? pick(existing) : directory + "/" + names.fileName(random);
        final String copying = file + TortureExclusions.PUT_IN_PROGRESS_SUFFIX;
        if (source.create(copying, randomContent(), true)) {
            source.rename(copying, file, true);
        }
        return true;
    }

    /** A MapReduce/Spark job: task output under _temporary (excluded), committed by renames, then _SUCCESS. */
    private boolean commitJob(final int index) {
        final List<String> earlierJobs = model.directories(path -> inRoots(path) && nameOf(path).startsWith("job-"));
        final String output = !earlierJobs.isEmpty() && random.nextInt(3) == 0
                ? pick(earlierJobs) : pick(rootDirectories()) + "/" + names.plainName("job");
        final String attempt = output + "/" + TortureExclusions.JOB_SCRATCH_DIRECTORY + "/0/" + TortureExclusions.JOB_SCRATCH_DIRECTORY
                + "/attempt_" + index + "_m_000000_0";
        final int parts = 1 + random.nextInt(3);
        for (int part = 0; part < parts; part++) {
            source.create(attempt + "/part-0000" + part, randomContent(), false);
        }
        for (int part = 0; part < parts; part++) {
            source.rename(attempt + "/part-0000" + part, output + "/part-0000" + part, true);
        }
        source.delete(output + "/" + TortureExclusions.JOB_SCRATCH_DIRECTORY);
        source.create(output + "/_SUCCESS", new byte[0], true);
        return true;
    }

    private boolean openWriter() {
        if (source.openWriterPaths().size() >= MAX_OPEN_WRITERS) {
            return false;
        }
        source.openWriter(pick(rootDirectories()) + "/" + names.fileName(random), bytes(1 + random.nextInt(3000)));
        return true;
    }

    private boolean writeToOpenWriter() {
        final String path = pick(source.openWriterPaths());
        if (path == null) {
            return false;
        }
        source.writeToWriter(path, bytes(1 + random.nextInt(8000)), random.nextInt(4) == 0);
        return true;
    }

    private boolean closeWriter() {
        final String path = pick(source.openWriterPaths());
        if (path == null) {
            return false;
        }
        source.closeWriter(path);
        return true;
    }

    private boolean backlog() {
        final String directory = pick(rootDirectories()) + "/" + names.plainName("backlog");
        final int files = 25 + random.nextInt(26);
        for (int file = 0; file < files; file++) {
            source.create(directory + "/f-" + file, bytes(random.nextInt(500)), false);
        }
        return true;
    }

    private List<String> fileChildNames(final String directory, final int limit) {
        final List<String> childNames = new ArrayList<>();
        for (final String child : model.children(directory)) {
            if (childNames.size() < limit && model.isFile(child) && !TortureExclusions.isExcluded(child)) {
                childNames.add(nameOf(child));
            }
        }
        if (childNames.isEmpty()) {
            childNames.add(names.fileName(random));
        }
        return childNames;
    }

    private boolean inRoots(final String path) {
        return layout.isInListingRoot(path) && !TortureExclusions.isExcluded(path);
    }

    private List<String> rootDirectories() {
        return model.directories(this::inRoots);
    }

    private List<String> innerDirectories() {
        return model.directories(path -> inRoots(path) && !layout.listingRoots().contains(path));
    }

    private List<String> files() {
        return model.files(this::inRoots);
    }

    private List<String> closedFiles() {
        return model.files(path -> inRoots(path) && !source.isOpen(path));
    }

    private List<String> filesAndInnerDirectories() {
        final List<String> paths = new ArrayList<>(files());
        paths.addAll(innerDirectories());
        return paths;
    }

    private <T> T pick(final List<T> candidates) {
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private byte[] randomContent() {
        final int roll = random.nextInt(100);
        if (roll < 6) {
            return new byte[0];
        }
        if (roll < 60) {
            return bytes(1 + random.nextInt(2000));
        }
        if (roll < 96) {
            return bytes(2048 + random.nextInt(96 * 1024));
        }
        return multiBlockContent();
    }

    /** Between 1.1 and 2.6 blocks, so the copy spans blocks and is cut into several chunks. */
    private byte[] multiBlockContent() {
        return bytes((int) (blockSize + blockSize / 10 + random.nextInt((int) (blockSize * 3 / 2))));
    }

    /** Bytes from a seed drawn from the workload random: one draw per file, however large it is. */
    private byte[] bytes(final int length) {
        final byte[] content = new byte[length];
        new Random(random.nextLong()).nextBytes(content);
        return content;
    }

    private static String nameOf(final String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
