package io.nififusion.testkit.adls;

import com.azure.core.util.BinaryData;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathPermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.nififusion.testkit.adls.SignedRequests.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests as Hadoop's ABFS driver sends them, which the DataLake SDK never does: every Path - Update as a PUT with
 * {@code X-HTTP-Method-Override: PATCH}, the hierarchical-namespace probe and access control on the filesystem root,
 * append with flush, filesystem properties. (The driver itself runs against the emulator in nifi-fusion-abfs-it.)
 */
class AdlsEmulatorHadoopDriverRequestsIT {
    private static final byte[] NONE = new byte[0];

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private DataLakeFileSystemClient fileSystem;
    private SignedRequests requests;
    private String name;

    @BeforeEach
    void setUp(final TestInfo test) {
        name = "abfs-" + test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).substring(0, 14);
        fileSystem = EmulatorClients.sharedKey(ADLS.getEmulator()).createFileSystem(name);
        requests = new SignedRequests(ADLS.getEmulator());
    }

    @Test
    void putWithMethodOverridePatchIsServedAsThePatchItStandsFor() throws Exception {
        fileSystem.createFile("data.bin");
        final HttpResponse<String> append = requests.send("PUT", "/" + name + "/data.bin?action=append&position=0&timeout=90",
                headers("X-HTTP-Method-Override", "PATCH"), bytes("abc"));
        assertEquals(202, append.statusCode(), append.body());
        final HttpResponse<String> flush = requests.send("PUT", "/" + name + "/data.bin?action=flush&position=3&retainUncommittedData=false&close=true",
                headers("X-HTTP-Method-Override", "PATCH"), NONE);
        assertEquals(200, flush.statusCode(), flush.body());
        assertEquals("abc", EmulatorClients.readString(fileSystem.getFileClient("data.bin")));

        final HttpResponse<String> permissions = requests.send("PUT", "/" + name + "/data.bin?action=setAccessControl",
                headers("X-HTTP-Method-Override", "PATCH", "x-ms-permissions", "0600"), NONE);
        assertEquals(200, permissions.statusCode(), permissions.body());
        assertEquals(PathPermissions.parseSymbolic("rw-------"), fileSystem.getFileClient("data.bin").getAccessControl().getPermissions());
        final List<RecordedRequest> logged = ADLS.getEmulator().requestLog().stream()
                .filter(request -> request.header("X-HTTP-Method-Override") != null).toList();
        assertEquals(List.of("PATCH", "PATCH", "PATCH"), logged.stream().map(RecordedRequest::method).toList(),
                "logged (and matched by fault injection) as what they ask for");
    }

    @Test
    void otherMethodOverridesAreRefused() throws Exception {
        fileSystem.createFile("kept.txt");
        final HttpResponse<String> delete = requests.send("PUT", "/" + name + "/kept.txt?recursive=false",
                headers("X-HTTP-Method-Override", "DELETE"), NONE);
        assertEquals(405, delete.statusCode());
        assertEquals("UnsupportedHttpVerb", delete.headers().firstValue("x-ms-error-code").orElse(null));
        final HttpResponse<String> overPost = requests.send("POST", "/" + name + "/kept.txt?action=flush&position=0",
                headers("X-HTTP-Method-Override", "PATCH"), NONE);
        assertEquals(405, overPost.statusCode());
        assertTrue(fileSystem.getFileClient("kept.txt").exists());
    }

    @Test
    void theRootHasAccessControlLikeAnyDirectoryOfAHierarchicalNamespace() throws Exception {
        final HttpResponse<String> acl = requests.send("HEAD", "/" + name + "/?action=getAccessControl&upn=false&timeout=90", Map.of(), NONE);
        assertEquals(200, acl.statusCode(), "any answer but 400 tells ABFS the namespace is hierarchical");
        assertEquals("$superuser", acl.headers().firstValue("x-ms-owner").orElse(null));
        assertEquals("$superuser", acl.headers().firstValue("x-ms-group").orElse(null));
        assertEquals("rwxr-x---", acl.headers().firstValue("x-ms-permissions").orElse(null));
        assertEquals("user::rwx,group::r-x,other::---", acl.headers().firstValue("x-ms-acl").orElse(null));
        assertTrue(acl.headers().firstValue("ETag").isPresent());

        final HttpResponse<String> status = requests.send("HEAD", "/" + name + "/?action=getStatus&upn=false", Map.of(), NONE);
        assertEquals(200, status.statusCode());
        assertEquals("directory", status.headers().firstValue("x-ms-resource-type").orElse(null));

        final HttpResponse<String> set = requests.send("PUT", "/" + name + "/?action=setAccessControl",
                headers("X-HTTP-Method-Override", "PATCH", "x-ms-acl", "user::rwx,group::r-x,other::r-x,user:reader-id:r-x"), NONE);
        assertEquals(200, set.statusCode(), set.body());
        final HttpResponse<String> changed = requests.send("HEAD", "/" + name + "/?action=getAccessControl&upn=false", Map.of(), NONE);
        assertEquals("rwxr-xr-x+", changed.headers().firstValue("x-ms-permissions").orElse(null));
        assertEquals("user::rwx,user:reader-id:r-x,group::r-x,mask::r-x,other::r-x", changed.headers().firstValue("x-ms-acl").orElse(null));

        final HttpResponse<String> properties = requests.send("HEAD", "/" + name + "/?upn=false", Map.of(), NONE);
        assertEquals(400, properties.statusCode(), "user-defined properties of the root cannot be read");
        final HttpResponse<String> setProperties = requests.send("PUT", "/" + name + "/?action=setProperties",
                headers("X-HTTP-Method-Override", "PATCH", "x-ms-properties", "a=" + base64("b")), NONE);
        assertEquals(400, setProperties.statusCode());
        final HttpResponse<String> missing = requests.send("HEAD", "/no-such-filesystem/?action=getAccessControl&upn=false", Map.of(), NONE);
        assertEquals(404, missing.statusCode());
        assertEquals("FilesystemNotFound", missing.headers().firstValue("x-ms-error-code").orElse(null));
    }

    @Test
    void appendBlobsAreNotServed() throws Exception {
        final HttpResponse<String> create = requests.send("PUT", "/" + name + "/log.txt?resource=file&blobtype=appendblob", Map.of(), NONE);
        assertEquals(400, create.statusCode());
        assertEquals("UnsupportedOperation", create.headers().firstValue("x-ms-error-code").orElse(null));
        assertFalse(fileSystem.getFileClient("log.txt").exists(), "not made a plain file instead");
    }

    @Test
    void appendWithFlushCommitsTheBytesAtOnce() throws Exception {
        fileSystem.createFile("small.txt");
        final HttpResponse<String> append = requests.send("PUT", "/" + name + "/small.txt?action=append&position=0&flush=true&close=true",
                headers("X-HTTP-Method-Override", "PATCH"), bytes("hello"));
        assertEquals(200, append.statusCode(), append.body());
        assertEquals("hello", EmulatorClients.readString(fileSystem.getFileClient("small.txt")));
        assertEquals(5, fileSystem.getFileClient("small.txt").getProperties().getFileSize());
    }

    @Test
    void createOfAnExistingPathNamesTheTypeItClashedWith() throws Exception {
        fileSystem.createDirectory("dir");
        fileSystem.createFile("file");
        final HttpResponse<String> directory = requests.send("PUT", "/" + name + "/dir?resource=directory", headers("If-None-Match", "*"), NONE);
        assertEquals(409, directory.statusCode());
        assertEquals("directory", directory.headers().firstValue("x-ms-existing-resource-type").orElse(null),
                "how ABFS tells mkdirs of an existing directory (a success) from a clash with a file");
        final HttpResponse<String> overFile = requests.send("PUT", "/" + name + "/file?resource=directory", Map.of(), NONE);
        assertEquals(409, overFile.statusCode());
        assertEquals("file", overFile.headers().firstValue("x-ms-existing-resource-type").orElse(null));
    }

    @Test
    void renameOntoAnExistingDirectoryMovesIntoItUnlessLegacyModeIsAsked() throws Exception {
        fileSystem.createFile("staging/part-0").upload(BinaryData.fromString("p"), true);
        fileSystem.createDirectory("final");
        final HttpResponse<String> legacy = requests.send("PUT", "/" + name + "/final?mode=legacy",
                headers("x-ms-rename-source", "/" + name + "/staging"), NONE);
        assertEquals(409, legacy.statusCode(), "the SDK's legacy mode: an existing directory is a conflict");
        final HttpResponse<String> into = requests.send("PUT", "/" + name + "/final",
                headers("x-ms-rename-source", "/" + name + "/staging", "If-None-Match", "*"), NONE);
        assertEquals(201, into.statusCode(), into.body());
        assertEquals("p", EmulatorClients.readString(fileSystem.getFileClient("final/staging/part-0")));
        assertFalse(fileSystem.getDirectoryClient("staging").exists());
        final HttpResponse<String> own = requests.send("PUT", "/" + name + "/final/staging/inside",
                headers("x-ms-rename-source", "/" + name + "/final"), NONE);
        assertEquals(409, own.statusCode());
        assertEquals("InvalidRenameSourcePath", own.headers().firstValue("x-ms-error-code").orElse(null));
    }

    @Test
    void filesystemPropertiesAreSetWithTheOverrideToo() throws Exception {
        final HttpResponse<String> set = requests.send("PUT", "/" + name + "?resource=filesystem",
                headers("X-HTTP-Method-Override", "PATCH", "x-ms-properties", "owner=" + base64("etl")), NONE);
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("etl", fileSystem.getProperties().getMetadata().get("owner"));
        final HttpResponse<String> properties = requests.send("HEAD", "/" + name + "?resource=filesystem", Map.of(), NONE);
        assertEquals("true", properties.headers().firstValue("x-ms-namespace-enabled").orElse(null));
        assertEquals("owner=" + base64("etl"), properties.headers().firstValue("x-ms-properties").orElse(null));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(final String text) {
        return Base64.getEncoder().encodeToString(bytes(text));
    }
}
