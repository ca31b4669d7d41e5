package io.nififusion.testkit.adls;

import com.azure.core.util.BinaryData;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Path names as a hierarchical-namespace account applies them: trailing dots trimmed, lengths, depth, characters. */
class AdlsEmulatorNamingIT {

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private DataLakeFileSystemClient fileSystem;

    @BeforeEach
    void createFileSystem(final TestInfo testInfo) {
        final String name = testInfo.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        fileSystem = EmulatorClients.sharedKey(ADLS.getEmulator()).createFileSystem(name.substring(0, Math.min(40, name.length())));
    }

    private static void assertRefused(final int status, final String errorCode, final Executable call) {
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class, call);
        assertEquals(status, e.getStatusCode());
        assertEquals(errorCode, e.getErrorCode());
    }

    private List<String> listAll() {
        final List<String> names = new ArrayList<>();
        for (final PathItem item : fileSystem.listPaths(new ListPathsOptions().setRecursive(true), null)) {
            names.add(item.getName());
        }
        return names;
    }

    @Test
    void trailingDotsOfEverySegmentAreTrimmed() {
        final DataLakeFileClient dotted = fileSystem.createFile("logs./day..1/report.");
        dotted.append(BinaryData.fromString("data"), 0);
        dotted.flush(4, true);
        assertEquals(List.of("logs", "logs/day..1", "logs/day..1/report"), listAll());
        assertEquals("data", EmulatorClients.readString(fileSystem.getFileClient("logs/day..1/report")));
        assertEquals("data", EmulatorClients.readString(dotted), "the dotted name reaches the trimmed path");

        assertRefused(409, "PathAlreadyExists", () -> fileSystem.createFile("logs/day..1/report..."));

        fileSystem.getFileClient("logs./day..1/report.").rename(null, "logs/renamed");
        assertEquals("data", EmulatorClients.readString(fileSystem.getFileClient("logs/renamed")));
        assertFalse(ADLS.getEmulator().exists(fileSystem.getFileSystemName(), "logs/day..1/report"));
    }

    @Test
    void segmentsThatTrimToNothingOrHoldForbiddenCharactersAreRefused() {
        assertRefused(400, "InvalidResourceName", () -> fileSystem.createFile("a/../b"));
        assertRefused(400, "InvalidResourceName", () -> fileSystem.createFile("a/./b"));
        assertRefused(400, "InvalidResourceName", () -> fileSystem.createFile("..."));
        assertRefused(400, "InvalidResourceName", () -> fileSystem.createFile("back\\slash"));
        assertRefused(400, "InvalidResourceName", () -> fileSystem.createFile("bell\u0007"));
        assertRefused(400, "InvalidResourceName", () -> fileSystem.createFile("c1\u0085control"));
        assertRefused(400, "InvalidResourceName", () -> fileSystem.createFile("private\uE000use"));
        assertRefused(400, "InvalidResourceName", () -> fileSystem.createFile("non\uFFFEcharacter"));
        assertTrue(listAll().isEmpty(), listAll().toString());
        fileSystem.createFile(".hidden/.file-\u00e9\u4e2d\ud83d\ude00 with spaces");
        assertEquals(List.of(".hidden", ".hidden/.file-\u00e9\u4e2d\ud83d\ude00 with spaces"), listAll());
    }

    @Test
    void pathsUpTo1024CharactersAndSegmentsUpTo255AreAccepted() {
        final String segment = "s".repeat(255);
        final String longest = segment + "/" + segment + "/" + segment + "/" + "t".repeat(254) + "/u";
        assertEquals(1024, longest.length());
        fileSystem.createFile(longest);
        assertTrue(ADLS.getEmulator().exists(fileSystem.getFileSystemName(), longest));

        assertRefused(400, "OutOfRangeInput", () -> fileSystem.createFile(longest + "v"));
        assertRefused(400, "OutOfRangeInput", () -> fileSystem.createFile("x/" + "s".repeat(256)));
        assertRefused(400, "OutOfRangeInput", () -> fileSystem.getFileClient(longest + "v").getProperties());
        fileSystem.createFile("y/" + segment);
    }

    @Test
    void pathsDeeperThan59SegmentsAreRefusedOnCreateAndRename() {
        final String deepest = String.join("/", Collections.nCopies(PathNames.MAX_SEGMENTS, "d"));
        fileSystem.createDirectory(deepest);
        assertRefused(409, "PathIsTooDeep", () -> fileSystem.createFile(deepest + "/file"));
        assertRefused(409, "PathIsTooDeep", () -> fileSystem.createDirectory(deepest + "/sub"));

        fileSystem.createDirectory("shallow/inner");
        fileSystem.createFile("shallow/inner/file");
        assertRefused(409, "PathIsTooDeep", () -> fileSystem.getDirectoryClient("shallow")
                .rename(null, String.join("/", Collections.nCopies(PathNames.MAX_SEGMENTS - 2, "d")) + "/moved"));
        assertTrue(ADLS.getEmulator().exists(fileSystem.getFileSystemName(), "shallow/inner/file"), "nothing moved");
        fileSystem.getDirectoryClient("shallow")
                .rename(null, String.join("/", Collections.nCopies(PathNames.MAX_SEGMENTS - 3, "d")) + "/moved");
        assertFalse(ADLS.getEmulator().exists(fileSystem.getFileSystemName(), "shallow"));
    }
}
