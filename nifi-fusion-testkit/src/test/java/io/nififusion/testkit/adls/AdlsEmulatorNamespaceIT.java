package io.nififusion.testkit.adls;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathAccessControl;
import com.azure.storage.file.datalake.models.PathAccessControlEntry;
import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.models.PathPermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listing, paging, recursive delete, rename and access control through the real DataLake SDK. */
class AdlsEmulatorNamespaceIT {

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private DataLakeFileSystemClient fileSystem;

    @BeforeEach
    void createFileSystem(final TestInfo testInfo) {
        final String name = testInfo.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        fileSystem = EmulatorClients.sharedKey(ADLS.getEmulator()).createFileSystem(name.substring(0, Math.min(40, name.length())));
    }

    private void writeFile(final String path, final String content) {
        final DataLakeFileClient file = fileSystem.createFile(path, true);
        final byte[] bytes = EmulatorClients.utf8(content);
        if (bytes.length > 0) {
            file.append(BinaryData.fromBytes(bytes), 0);
        }
        file.flush(bytes.length, true);
    }

    @Test
    void listPathsRecursiveAndByDirectoryWithTinyPages() {
        for (int i = 0; i < 7; i++) {
            writeFile("top/file-" + i + ".txt", "content-" + i);
        }
        writeFile("top/nested/deep/leaf.txt", "leaf");
        writeFile("other.txt", "x");
        ADLS.getEmulator().setMaxListResults(2);

        final List<PagedResponse<PathItem>> pages = new ArrayList<>();
        final Set<String> names = new TreeSet<>();
        for (final PagedResponse<PathItem> page : fileSystem.listPaths(new ListPathsOptions().setRecursive(true), null).iterableByPage()) {
            pages.add(page);
            for (final PathItem item : page.getValue()) {
                names.add(item.getName());
            }
        }
        assertEquals(Set.of("top", "top/nested", "top/nested/deep", "top/nested/deep/leaf.txt", "other.txt",
                "top/file-0.txt", "top/file-1.txt", "top/file-2.txt", "top/file-3.txt", "top/file-4.txt",
                "top/file-5.txt", "top/file-6.txt"), names);
        assertEquals(6, pages.size(), "12 paths in pages of 2");

        final List<String> children = new ArrayList<>();
        PathItem nested = null;
        PathItem file = null;
        for (final PathItem item : fileSystem.listPaths(new ListPathsOptions().setPath("top").setRecursive(false).setMaxResults(3), null)) {
            children.add(item.getName());
            if (item.getName().equals("top/nested")) {
                nested = item;
            }
            if (item.getName().equals("top/file-3.txt")) {
                file = item;
            }
        }
        assertEquals(8, children.size(), children.toString());
        assertTrue(nested != null && nested.isDirectory());
        assertTrue(file != null && !file.isDirectory());
        assertEquals(9, file.getContentLength());
        assertTrue(file.getETag() != null && file.getLastModified() != null && file.getCreationTime() != null);
        assertEquals("$superuser", file.getOwner());

        final DataLakeStorageException missing = assertThrows(DataLakeStorageException.class,
                () -> fileSystem.listPaths(new ListPathsOptions().setPath("absent"), null).iterator().next());
        assertEquals(404, missing.getStatusCode());
    }

    @Test
    void recursiveDeleteIsPagedAndNonRecursiveDeleteOfNonEmptyDirectoryFails() {
        for (int i = 0; i < 10; i++) {
            writeFile("tree/a/file-" + i, "x");
        }
        writeFile("tree/b/c/file", "y");
        final DataLakeDirectoryClient tree = fileSystem.getDirectoryClient("tree");
        final DataLakeStorageException notEmpty = assertThrows(DataLakeStorageException.class,
                () -> tree.deleteWithResponse(false, null, null, Context.NONE));
        assertEquals(409, notEmpty.getStatusCode());
        assertEquals("DirectoryNotEmpty", notEmpty.getErrorCode());

        ADLS.getEmulator().setMaxListResults(3);
        ADLS.getEmulator().clearRequestLog();
        tree.deleteRecursively();
        assertFalse(tree.exists());
        final long deleteCalls = ADLS.getEmulator().requestLog().stream().filter(r -> "DELETE".equals(r.method())).count();
        assertTrue(deleteCalls >= 5, "15 entries deleted 3 at a time should take several calls, got " + deleteCalls);
        assertTrue(ADLS.getEmulator().requestLog().stream().anyMatch(r -> r.hasQueryParameter("continuation")));
    }

    @Test
    void renameDirectoryWithManyChildrenIsAtomic() {
        final int count = 120;
        for (int i = 0; i < count; i++) {
            writeFile("staging/part/file-" + i, "data-" + i);
        }
        fileSystem.createDirectory("final");
        fileSystem.getDirectoryClient("staging/part").rename(null, "final/part");
        assertFalse(fileSystem.getDirectoryClient("staging/part").exists());
        int listed = 0;
        for (final PathItem item : fileSystem.listPaths(new ListPathsOptions().setPath("final/part").setRecursive(true), null)) {
            assertTrue(item.getName().startsWith("final/part/file-"), item.getName());
            listed++;
        }
        assertEquals(count, listed);
        assertEquals("data-77", EmulatorClients.readString(fileSystem.getFileClient("final/part/file-77")));
    }

    @Test
    void renameFileWithSourceAndDestinationConditions() {
        writeFile("in/one.txt", "one");
        writeFile("in/two.txt", "two");
        final DataLakeFileClient one = fileSystem.getFileClient("in/one.txt");
        final String etag = one.getProperties().getETag();

        final DataLakeStorageException sourceCondition = assertThrows(DataLakeStorageException.class, () -> one.renameWithResponse(null,
                "in/renamed.txt", new DataLakeRequestConditions().setIfMatch("\"0x8D0000000000001\""), null, null, Context.NONE));
        assertEquals(412, sourceCondition.getStatusCode());
        assertEquals("SourceConditionNotMet", sourceCondition.getErrorCode());

        final DataLakeStorageException destinationExists = assertThrows(DataLakeStorageException.class, () -> one.renameWithResponse(null,
                "in/two.txt", null, new DataLakeRequestConditions().setIfNoneMatch("*"), null, Context.NONE));
        assertEquals(409, destinationExists.getStatusCode());
        assertEquals("PathAlreadyExists", destinationExists.getErrorCode());

        one.renameWithResponse(null, "in/renamed.txt", new DataLakeRequestConditions().setIfMatch(etag),
                new DataLakeRequestConditions().setIfNoneMatch("*"), null, Context.NONE);
        final DataLakeFileClient renamed = fileSystem.getFileClient("in/renamed.txt");
        assertEquals("one", EmulatorClients.readString(renamed));
        assertEquals(etag, renamed.getProperties().getETag(), "rename keeps the ETag");
        assertFalse(one.exists());

        renamed.rename(null, "in/two.txt");
        assertEquals("one", EmulatorClients.readString(fileSystem.getFileClient("in/two.txt")), "an existing file is replaced");

        final DataLakeStorageException missingSource = assertThrows(DataLakeStorageException.class,
                () -> fileSystem.getFileClient("in/ghost.txt").rename(null, "in/ghost2.txt"));
        assertEquals(404, missingSource.getStatusCode());
        assertEquals("SourcePathNotFound", missingSource.getErrorCode());
        final DataLakeStorageException missingParent = assertThrows(DataLakeStorageException.class,
                () -> fileSystem.getFileClient("in/two.txt").rename(null, "nowhere/two.txt"));
        assertEquals(404, missingParent.getStatusCode());
    }

    @Test
    void accessControlRoundTrip() {
        writeFile("secure/data.txt", "x");
        final DataLakeFileClient file = fileSystem.getFileClient("secure/data.txt");
        final PathAccessControl initial = file.getAccessControl();
        assertEquals("$superuser", initial.getOwner());
        assertEquals(PathPermissions.parseSymbolic("rw-r-----"), initial.getPermissions());

        file.setPermissions(PathPermissions.parseSymbolic("rwxr-x--x"), "hadoop", "hdfs");
        final PathAccessControl changed = file.getAccessControl();
        assertEquals("hdfs", changed.getOwner());
        assertEquals("hadoop", changed.getGroup());
        assertEquals(PathPermissions.parseSymbolic("rwxr-x--x"), changed.getPermissions());

        file.setAccessControlList(PathAccessControlEntry.parseList("user::rw-,user:alice:r--,group::r--,mask::r--,other::---"), null, null);
        final PathAccessControl withAcl = file.getAccessControl();
        assertEquals("user::rw-,user:alice:r--,group::r--,mask::r--,other::---",
                PathAccessControlEntry.serializeList(withAcl.getAccessControlList()));
        assertTrue(withAcl.getPermissions().isExtendedInfoInAcl());
        assertEquals("hdfs", withAcl.getOwner());
    }
}
