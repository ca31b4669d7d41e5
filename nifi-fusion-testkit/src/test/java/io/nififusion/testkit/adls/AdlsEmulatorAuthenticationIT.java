package io.nififusion.testkit.adls;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.util.BinaryData;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.sas.DataLakeServiceSasSignatureValues;
import com.azure.storage.file.datalake.sas.FileSystemSasPermission;
import com.azure.storage.file.datalake.sas.PathSasPermission;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared Key and SAS credentials checked for real; bearer tokens in {@link AdlsEmulatorIdentityIT}. */
class AdlsEmulatorAuthenticationIT {

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static DataLakeServiceClient service;
    private static DataLakeFileSystemClient fileSystem;

    @BeforeAll
    static void createFileSystem() {
        service = EmulatorClients.sharedKey(ADLS.getEmulator());
        fileSystem = service.createFileSystem("auth");
        final DataLakeFileClient file = fileSystem.createFile("dir/readme.txt");
        file.append(BinaryData.fromString("secret"), 0);
        file.flush(6, true);
    }

    private static DataLakeServiceClientBuilder builder() {
        return new DataLakeServiceClientBuilder().endpoint(ADLS.getEmulator().getEndpoint()).retryOptions(EmulatorClients.quickRetries());
    }

    @Test
    void wrongAccountKeyIsRefused() {
        final String wrongKey = Base64.getEncoder().encodeToString(EmulatorClients.randomBytes(64, 9));
        final DataLakeServiceClient wrong = builder()
                .credential(new StorageSharedKeyCredential(ADLS.getEmulator().getAccountName(), wrongKey)).buildClient();
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class,
                () -> EmulatorClients.readBytes(wrong.getFileSystemClient("auth").getFileClient("dir/readme.txt")));
        assertEquals(403, e.getStatusCode());
        assertEquals("AuthenticationFailed", e.getErrorCode());
        final DataLakeStorageException list = assertThrows(DataLakeStorageException.class,
                () -> wrong.getFileSystemClient("auth").listPaths().iterator().next());
        assertEquals(403, list.getStatusCode());
    }

    @Test
    void anonymousRequestIsRefusedWithAnAzureShapedError() throws Exception {
        final URI listing = URI.create(ADLS.getEmulator().getEndpoint() + "/auth?resource=filesystem&recursive=false");
        try (HttpClient client = HttpClient.newHttpClient()) {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(listing).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode());
            assertEquals("NoAuthenticationInformation", response.headers().firstValue("x-ms-error-code").orElseThrow());
            assertTrue(response.headers().firstValue("x-ms-request-id").isPresent());
            final JsonNode error = new ObjectMapper().readTree(response.body()).get("error");
            assertEquals("NoAuthenticationInformation", error.get("code").asText());
            assertTrue(error.get("message").asText().contains("RequestId:"));
        }
    }

    @Test
    void accountSasGrantsWhatItSaysAndExpires() {
        final String readList = service.generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().plusHours(1),
                AccountSasPermission.parse("rl"), AccountSasService.parse("b"), AccountSasResourceType.parse("sco")));
        final DataLakeFileSystemClient reader = builder().sasToken(readList).buildClient().getFileSystemClient("auth");
        assertEquals("secret", EmulatorClients.readString(reader.getFileClient("dir/readme.txt")));
        assertTrue(reader.listPaths().iterator().hasNext());
        final DataLakeStorageException denied = assertThrows(DataLakeStorageException.class, () -> reader.createFile("dir/new.txt"));
        assertEquals(403, denied.getStatusCode());
        assertEquals("AuthorizationPermissionMismatch", denied.getErrorCode());

        final String expired = service.generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().minusMinutes(5),
                AccountSasPermission.parse("rl"), AccountSasService.parse("b"), AccountSasResourceType.parse("sco")));
        final DataLakeStorageException tooLate = assertThrows(DataLakeStorageException.class, () -> EmulatorClients.readBytes(
                builder().sasToken(expired).buildClient().getFileSystemClient("auth").getFileClient("dir/readme.txt")));
        assertEquals(403, tooLate.getStatusCode());
        assertEquals("AuthenticationFailed", tooLate.getErrorCode());
    }

    @Test
    void serviceSasForFileSystemAndFile() {
        final String fileSystemSas = fileSystem.generateSas(new DataLakeServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                FileSystemSasPermission.parse("rcwl")));
        final DataLakeFileSystemClient writer = builder().sasToken(fileSystemSas).buildClient().getFileSystemClient("auth");
        final DataLakeFileClient created = writer.createFile("dir/by-sas.txt");
        created.append(BinaryData.fromString("via sas"), 0);
        created.flush(7, true);
        assertEquals("via sas", EmulatorClients.readString(fileSystem.getFileClient("dir/by-sas.txt")));
        final DataLakeStorageException noDelete = assertThrows(DataLakeStorageException.class, created::delete);
        assertEquals(403, noDelete.getStatusCode());

        final String fileSas = fileSystem.getFileClient("dir/readme.txt").generateSas(
                new DataLakeServiceSasSignatureValues(OffsetDateTime.now().plusHours(1), PathSasPermission.parse("r")));
        final DataLakeFileSystemClient fileScoped = builder().sasToken(fileSas).buildClient().getFileSystemClient("auth");
        assertEquals("secret", EmulatorClients.readString(fileScoped.getFileClient("dir/readme.txt")));
        final DataLakeStorageException otherFile = assertThrows(DataLakeStorageException.class,
                () -> EmulatorClients.readBytes(fileScoped.getFileClient("dir/by-sas.txt")));
        assertEquals(403, otherFile.getStatusCode());
        assertEquals("AuthenticationFailed", otherFile.getErrorCode(), "a file SAS is signed for that file only");
    }

    @Test
    void serviceSasForDirectoryCoversItsSubtreeOnly() {
        fileSystem.createFile("dir/inner/deep.txt", true).flush(0, true);
        fileSystem.createFile("outside.txt", true).flush(0, true);
        final String directorySas = fileSystem.getDirectoryClient("dir").generateSas(
                new DataLakeServiceSasSignatureValues(OffsetDateTime.now().plusHours(1), PathSasPermission.parse("rl")));
        final DataLakeFileSystemClient scoped = builder().sasToken(directorySas).buildClient().getFileSystemClient("auth");
        assertEquals("secret", EmulatorClients.readString(scoped.getFileClient("dir/readme.txt")));
        assertEquals(0, scoped.getFileClient("dir/inner/deep.txt").getProperties().getFileSize());
        final DataLakeStorageException outside = assertThrows(DataLakeStorageException.class,
                () -> scoped.getFileClient("outside.txt").getProperties());
        assertEquals(403, outside.getStatusCode());
    }

    @Test
    void sdkTokenCredentialRefusesPlainHttp() {
        final TokenCredential credential = request -> Mono.just(new AccessToken("unused", OffsetDateTime.now().plusHours(1)));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder().credential(credential).buildClient());
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }
}
