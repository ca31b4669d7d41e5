package io.nififusion.core.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathPermissions;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.FileNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tree of 2,000 files copied to the target, then damaged in known ways: the audit must find exactly those. */
class TreeAuditorIT {
    private static final String FILESYSTEM = "audit";
    private static final int DIRECTORIES = 20;
    private static final int FILES_PER_DIRECTORY = 100;
    private static final TargetPathMapper MAPPER = new TargetPathMapper("/tree", "copy/tree");

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder()
            // close() polls the NameNode until the DataNode reports the block, first after 400 ms: keep 2,000 small writes fast
            .set("dfs.namenode.file.close.num-committed-allowed", "1")
            .set("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "5")
            .build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static DataLakeFileSystemClient target;

    @BeforeAll
    static void copyTreeThenDamageTarget() throws Exception {
        target = TargetCopies.fileSystem(ADLS.getEmulator(), FILESYSTEM);
        final long started = System.nanoTime();
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<?>> writes = new ArrayList<>();
            for (int directory = 0; directory < DIRECTORIES; directory++) {
                for (int file = 0; file < FILES_PER_DIRECTORY; file++) {
                    final String path = sourcePath(directory, file);
                    final int length = 100 + (directory * FILES_PER_DIRECTORY + file) % 200;
                    final long seed = directory * 1000L + file;
                    writes.add(pool.submit(() -> HDFS.writeRandom(path, length, seed)));
                }
            }
            for (final Future<?> write : writes) {
                write.get(2, TimeUnit.MINUTES);
            }
            System.out.println("Wrote " + writes.size() + " source files in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
            final List<Future<?>> copies = new ArrayList<>();
            for (int directory = 0; directory < DIRECTORIES; directory++) {
                for (int file = 0; file < FILES_PER_DIRECTORY; file++) {
                    final String path = sourcePath(directory, file);
                    copies.add(pool.submit(() -> {
                        TargetCopies.copy(HDFS.getFileSystem(), path, target, MAPPER.toTargetPath(path));
                        return null;
                    }));
                }
            }
            for (final Future<?> copy : copies) {
                copy.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("Wrote and copied " + DIRECTORIES * FILES_PER_DIRECTORY + " files in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        // Left out on both sides by the default exclusions: never reported
        HDFS.writeRandom("/tree/d09/_temporary/part-0", 10, 1);
        TargetCopies.write(target, "copy/tree/d09/.f0001.tmp", new byte[]{1}, null);

        target.getFileClient(MAPPER.toTargetPath(sourcePath(3, 5))).delete();
        target.getFileClient(MAPPER.toTargetPath(sourcePath(7, 50))).delete();
        target.getDirectoryClient("copy/tree/d19").deleteRecursively();

        TargetCopies.write(target, "copy/tree/d01/zz-extra", new byte[]{1, 2}, null);
        TargetCopies.write(target, "copy/tree/d02/aa-extra", new byte[]{3}, null);
        TargetCopies.write(target, "copy/tree/extra-dir/inside", new byte[]{4}, null);

        final byte[] longer = new byte[HDFS.read(sourcePath(4, 10)).length + 1];
        TargetCopies.write(target, MAPPER.toTargetPath(sourcePath(4, 10)), longer,
                TargetCopies.currentVersion(HDFS.getFileSystem(), sourcePath(4, 10), Crc32cDigest.of(longer).crc32c()).toMetadata());

        final byte[] recordedWrong = HDFS.read(sourcePath(5, 20));
        TargetCopies.write(target, MAPPER.toTargetPath(sourcePath(5, 20)), recordedWrong,
                TargetCopies.currentVersion(HDFS.getFileSystem(), sourcePath(5, 20), Crc32cDigest.of(recordedWrong).crc32c() ^ 0xFF).toMetadata());

        ADLS.getEmulator().corruptStoredBytes(FILESYSTEM, MAPPER.toTargetPath(sourcePath(6, 30)), 7);

        target.getFileClient(MAPPER.toTargetPath(sourcePath(8, 99))).delete();
        target.createDirectory(MAPPER.toTargetPath(sourcePath(8, 99)));
    }

    @Test
    void quickAuditFindsExactlyTheInjectedDifferencesWithSmallPages() throws Exception {
        ADLS.getEmulator().setMaxListResults(7);
        final List<Difference> report = Collections.synchronizedList(new ArrayList<>());

        final AuditSummary summary = auditor(VerificationDepth.QUICK, 50, 0).audit("/tree", report::add, () -> true);

        final Map<DifferenceKind, Set<String>> found = byKind(report);
        assertEquals(Set.of("/tree/d03/f0005", "/tree/d07/f0050", "/tree/d19"), found.get(DifferenceKind.MISSING));
        assertEquals(Set.of("/tree/d01/zz-extra", "/tree/d02/aa-extra", "/tree/extra-dir"), found.get(DifferenceKind.EXTRA));
        assertEquals(Set.of("/tree/d04/f0010"), found.get(DifferenceKind.SIZE));
        assertEquals(Set.of("/tree/d05/f0020"), found.get(DifferenceKind.CHECKSUM), "quick trusts the recorded CRC32C, so only the wrong record shows");
        assertEquals(Set.of("/tree/d08/f0099"), found.get(DifferenceKind.TYPE));
        assertEquals(Set.of(DifferenceKind.MISSING, DifferenceKind.EXTRA, DifferenceKind.SIZE, DifferenceKind.CHECKSUM, DifferenceKind.TYPE), found.keySet());
        assertEquals(9, report.size());
        assertEquals(9, summary.getTotalDifferences());
        assertEquals(3, summary.getDifferenceCount(DifferenceKind.MISSING));
        assertEquals(2000 - FILES_PER_DIRECTORY - 2 - 1, summary.getFilesChecked());
        assertEquals(summary.getFilesChecked() - 2, summary.getFilesVerified());
        assertEquals(0, summary.getBytesRead());
        assertEquals(DIRECTORIES + 1 - 1, summary.getDirectoriesChecked());
        assertTrue(summary.getBytesChecked() > 100L * summary.getFilesChecked());
        assertTrue(!summary.getFinished().isBefore(summary.getStarted()));
        assertEquals("copy/tree", summary.getTargetRoot());
    }

    @Test
    void deepAuditCatchesStoredCorruptionInsteadOfTheWrongRecord() throws Exception {
        ADLS.getEmulator().setMaxListResults(13);
        final List<Difference> report = Collections.synchronizedList(new ArrayList<>());

        final AuditSummary summary = auditor(VerificationDepth.DEEP, 5000, 0).audit("/tree", report::add, () -> true);

        final Map<DifferenceKind, Set<String>> found = byKind(report);
        assertEquals(Set.of("/tree/d06/f0030"), found.get(DifferenceKind.CHECKSUM));
        assertEquals(Set.of("/tree/d04/f0010"), found.get(DifferenceKind.SIZE));
        assertEquals(3, found.get(DifferenceKind.MISSING).size());
        assertEquals(3, found.get(DifferenceKind.EXTRA).size());
        assertEquals(1, found.get(DifferenceKind.TYPE).size());
        assertEquals(9, report.size());
        // Every compared target byte is read once, except the file whose size already differs
        assertEquals(summary.getBytesChecked() - HDFS.read(sourcePath(4, 10)).length, summary.getBytesRead());
        final Difference corrupted = report.stream().filter(difference -> difference.kind() == DifferenceKind.CHECKSUM).findFirst().orElseThrow();
        assertTrue(corrupted.toJsonLine().contains("\"sourceCrc32c\""));
    }

    @Test
    void subtreeAndSingleFileRoots() throws Exception {
        final List<Difference> subtree = new ArrayList<>();
        final AuditSummary subtreeSummary = auditor(VerificationDepth.QUICK, 5000, 0).audit("/tree/d03", subtree::add, () -> true);
        final List<Difference> single = new ArrayList<>();
        final AuditSummary singleSummary = auditor(VerificationDepth.QUICK, 5000, 0).audit("/tree/d04/f0010", single::add, () -> true);

        assertEquals(1, subtree.size());
        assertEquals("/tree/d03/f0005", subtree.get(0).sourcePath());
        assertEquals(FILES_PER_DIRECTORY - 1, subtreeSummary.getFilesChecked());
        assertEquals(DifferenceKind.SIZE, single.get(0).kind());
        assertEquals(1, singleSummary.getFilesChecked());
    }

    @Test
    void missingTargetRootIsOneLineAndMissingSourceRootFails() throws Exception {
        HDFS.writeRandom("/other/file", 10, 2);
        final TreeAuditor auditor = new TreeAuditor(HDFS.getFileSystem(), target, new TargetPathMapper("/", "nowhere"),
                new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(VerificationDepth.QUICK), null), null, 2, 100, Clock.systemUTC(), null);
        final List<Difference> report = new ArrayList<>();

        auditor.audit("/other", report::add, () -> true);

        assertEquals(1, report.size());
        assertEquals(DifferenceKind.MISSING, report.get(0).kind());
        assertEquals("nowhere/other", report.get(0).targetPath());
        assertThrows(FileNotFoundException.class, () -> auditor.audit("/no-such-root", report::add, () -> true));
    }

    @Test
    void stoppedAuditIsCancelled() {
        assertThrows(AuditCancelledException.class, () -> auditor(VerificationDepth.QUICK, 5000, 0).audit("/tree", difference -> { }, () -> false));
    }

    @Test
    void rateLimitBoundsChecksumCalls() throws Exception {
        final long started = System.nanoTime();
        final AuditSummary summary = auditor(VerificationDepth.QUICK, 5000, 40).audit("/tree/d10", difference -> { }, () -> true);
        final long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(FILES_PER_DIRECTORY, summary.getFilesChecked());
        // 100 checksum calls at 40 per second take at least 99 / 40 s, whatever the number of threads
        assertTrue(elapsedMillis >= 2400, "100 files at 40/s took only " + elapsedMillis + " ms");
    }

    @Test
    void permissionsOfFilesAndDirectoriesAreComparedWhenAsked() throws Exception {
        final TargetPathMapper mapper = new TargetPathMapper("/perm", "copy/perm");
        HDFS.mkdirs("/perm/a");
        HDFS.mkdirs("/perm/b");
        HDFS.chmod("/perm", (short) 0755);
        HDFS.chmod("/perm/a", (short) 0750);
        HDFS.chmod("/perm/b", (short) 0700);
        HDFS.writeRandom("/perm/a/f1", 50, 1);
        HDFS.writeRandom("/perm/a/f2", 60, 2);
        HDFS.chmod("/perm/a/f1", (short) 0640);
        HDFS.chmod("/perm/a/f2", (short) 0644);
        for (final String directory : List.of("/perm", "/perm/a", "/perm/b")) {
            TargetCopies.mkdir(HDFS.getFileSystem(), directory, target, mapper.toTargetPath(directory));
        }
        for (final String file : List.of("/perm/a/f1", "/perm/a/f2")) {
            TargetCopies.copy(HDFS.getFileSystem(), file, target, mapper.toTargetPath(file));
        }
        // changed behind the replicator's back
        target.getFileClient("copy/perm/a/f1").setPermissions(PathPermissions.parseOctal("0600"), null, null);
        target.getDirectoryClient("copy/perm/b").setPermissions(PathPermissions.parseOctal("0755"), null, null);

        final FileVerifier withMetadata = new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(VerificationDepth.QUICK)
                .withCompareMetadata(true), CallRateLimiter.unlimited());
        final List<Difference> report = Collections.synchronizedList(new ArrayList<>());
        final AuditSummary summary = new TreeAuditor(HDFS.getFileSystem(), target, mapper, withMetadata, ExclusionFilter.none(), 4, 2, Clock.systemUTC(), null)
                .audit("/perm", report::add, () -> true);
        final List<Difference> plainReport = Collections.synchronizedList(new ArrayList<>());
        new TreeAuditor(HDFS.getFileSystem(), target, mapper, new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(VerificationDepth.QUICK),
                null), ExclusionFilter.none(), 4, 2, Clock.systemUTC(), null).audit("/perm", plainReport::add, () -> true);

        final Map<String, String> details = new TreeMap<>();
        for (final Difference difference : report) {
            assertEquals(DifferenceKind.METADATA, difference.kind(), difference.toJsonLine());
            details.put(difference.sourcePath(), difference.detail());
        }
        assertEquals(Map.of("/perm/a/f1", "Metadata differs: permission rw-r----- vs target rw-------",
                "/perm/b", "Metadata differs: permission rwx------ vs target rwxr-xr-x"), details);
        assertEquals(2, summary.getFilesChecked());
        assertEquals(1, summary.getFilesVerified());
        assertEquals(3, summary.getDirectoriesChecked());
        assertEquals(List.of(), plainReport, "permission bits are compared only when asked");
    }

    private static TreeAuditor auditor(final VerificationDepth depth, final int pageSize, final int filesPerSecond) {
        final FileVerifier verifier = new FileVerifier(HDFS.getFileSystem(), target, VerificationOptions.of(depth), new CallRateLimiter(filesPerSecond));
        return new TreeAuditor(HDFS.getFileSystem(), target, MAPPER, verifier, ExclusionFilter.parse(ExclusionFilter.DEFAULT_EXCLUSIONS), 4, pageSize,
                Clock.systemUTC(), null);
    }

    private static Map<DifferenceKind, Set<String>> byKind(final List<Difference> report) {
        final Map<DifferenceKind, Set<String>> found = new TreeMap<>();
        for (final Difference difference : report) {
            found.computeIfAbsent(difference.kind(), kind -> new TreeSet<>()).add(difference.sourcePath());
        }
        return found;
    }

    private static String sourcePath(final int directory, final int file) {
        return String.format("/tree/d%02d/f%04d", directory, file);
    }
}
