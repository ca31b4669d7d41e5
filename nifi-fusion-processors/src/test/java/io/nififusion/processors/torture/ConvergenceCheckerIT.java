package io.nififusion.processors.torture;

import com.azure.core.util.BinaryData;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathPermissions;
import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The torture test is only as good as its judge: the checker must see every kind of difference, and none where the
 * trees are equal. Source and target are built by hand here, without the pipeline.
 */
class ConvergenceCheckerIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    @Test
    void equalTreesHaveNoDifference() throws Exception {
        final TortureLayout layout = TortureLayout.forRun(901, 0, "checker-equal");
        final DataLakeFileSystemClient target = FusionTestServices.createFileSystem(ADLS.getEmulator(), layout.fileSystem());
        createRoots(layout, target);
        both(layout, target, "/sales/a b%#+日本.txt", "same bytes");
        both(layout, target, "/logs/empty", "");
        HDFS.mkdirs(layout.mappedSourceRoot() + "/logs/directory");
        targetDirectory(layout, target, "/logs/directory", "0755");
        // Excluded at the source, so not expected at the target
        HDFS.write(layout.mappedSourceRoot() + "/sales/job/_temporary/0/part-00000", bytes("scratch"));
        HDFS.write(layout.mappedSourceRoot() + "/sales/upload.csv" + TortureExclusions.PUT_IN_PROGRESS_SUFFIX, bytes("in progress"));
        HDFS.chmod(layout.mappedSourceRoot() + "/sales/job", (short) 0755);
        targetDirectory(layout, target, "/sales/job", "0755");

        assertEquals(List.of(), kinds(layout, target));
    }

    @Test
    void everyKindOfDifferenceIsFound() throws Exception {
        final TortureLayout layout = TortureLayout.forRun(902, 0, "checker-differences");
        final DataLakeFileSystemClient target = FusionTestServices.createFileSystem(ADLS.getEmulator(), layout.fileSystem());
        createRoots(layout, target);
        both(layout, target, "/sales/same.txt", "same");
        HDFS.write(layout.mappedSourceRoot() + "/sales/bytes.txt", bytes("source"));
        targetFile(layout, target, "/sales/bytes.txt", "target", "0644");
        HDFS.write(layout.mappedSourceRoot() + "/sales/length.txt", bytes("longer at the source"));
        targetFile(layout, target, "/sales/length.txt", "short", "0644");
        HDFS.write(layout.mappedSourceRoot() + "/sales/missing.txt", bytes("only at the source"));
        targetFile(layout, target, "/sales/extra.txt", "only at the target", "0644");
        HDFS.mkdirs(layout.mappedSourceRoot() + "/logs/type");
        targetFile(layout, target, "/logs/type", "a file where the source has a directory", "0755");
        both(layout, target, "/logs/permission.txt", "same bytes");
        HDFS.chmod(layout.mappedSourceRoot() + "/logs/permission.txt", (short) 0600);
        targetFile(layout, target, "/logs/" + ReplicatorSettings.DEFAULT_TEMP_PREFIX + "left.txt", "partial", "0644");
        targetFile(layout, target, "/sales/job/_temporary/part-00000", "scratch copied", "0644");
        targetFile(layout, target, "/outside/never.txt", "mapped but in no listing root", "0644");

        assertEquals(List.of(
                "TEMP_FILE_LEFT /logs/" + ReplicatorSettings.DEFAULT_TEMP_PREFIX + "left.txt",
                "PERMISSION /logs/permission.txt",
                "TYPE /logs/type",
                "EXTRA_AT_TARGET /outside",
                "EXTRA_AT_TARGET /outside/never.txt",
                "BYTES /sales/bytes.txt",
                "EXTRA_AT_TARGET /sales/extra.txt",
                "EXTRA_AT_TARGET /sales/job",
                "EXTRA_AT_TARGET /sales/job/_temporary",
                "EXTRA_AT_TARGET /sales/job/_temporary/part-00000",
                "LENGTH /sales/length.txt",
                "MISSING_AT_TARGET /sales/missing.txt"), kinds(layout, target));
    }

    private static List<String> kinds(final TortureLayout layout, final DataLakeFileSystemClient target) throws Exception {
        final List<String> kinds = new ArrayList<>();
        for (final ConvergenceDifference difference : new ConvergenceChecker(HDFS.getFileSystem(), target, layout).check()) {
            kinds.add(difference.kind() + " " + difference.sourcePath().substring(layout.mappedSourceRoot().length()));
        }
        return kinds;
    }

    private static void createRoots(final TortureLayout layout, final DataLakeFileSystemClient target) throws Exception {
        for (final String root : layout.listingRoots()) {
            HDFS.mkdirs(root);
            HDFS.chmod(root, (short) 0755);
            targetDirectory(layout, target, root.substring(layout.mappedSourceRoot().length()), "0755");
        }
    }

    private static void both(final TortureLayout layout, final DataLakeFileSystemClient target, final String relative, final String content)
            throws Exception {
        HDFS.write(layout.mappedSourceRoot() + relative, bytes(content));
        HDFS.chmod(layout.mappedSourceRoot() + relative, (short) 0644);
        targetFile(layout, target, relative, content, "0644");
    }

    private static void targetDirectory(final TortureLayout layout, final DataLakeFileSystemClient target, final String relative, final String permission) {
        target.createDirectoryIfNotExists(layout.targetRoot() + relative).setPermissions(PathPermissions.parseOctal(permission), null, null);
    }

    private static void targetFile(final TortureLayout layout, final DataLakeFileSystemClient target, final String relative, final String content,
                                   final String permission) {
        final DataLakeFileClient file = target.getFileClient(layout.targetRoot() + relative);
        file.upload(BinaryData.fromBytes(bytes(content)), true);
        file.setPermissions(PathPermissions.parseOctal(permission), null, null);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
