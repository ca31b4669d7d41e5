package io.nififusion.testkit.adls;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Container listings through the real Blob SDK (List Blobs, {@code GET ?restype=container&comp=list}). */
class AdlsEmulatorBlobListingIT {

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private DataLakeFileSystemClient fileSystem;
    private BlobContainerClient container;

    @BeforeEach
    void setUp(final org.junit.jupiter.api.TestInfo test) {
        final String name = "blobs-" + test.getTestMethod().orElseThrow().getName().toLowerCase().substring(0, 12);
        fileSystem = EmulatorClients.sharedKey(ADLS.getEmulator()).createFileSystem(name);
        container = new BlobServiceClientBuilder().endpoint(ADLS.getEmulator().getEndpoint())
                .credential(new StorageSharedKeyCredential(ADLS.getEmulator().getAccountName(), ADLS.getEmulator().getAccountKey()))
                .retryOptions(new com.azure.storage.common.policy.RequestRetryOptions(
                        com.azure.storage.common.policy.RetryPolicyType.FIXED, 1, 30, 50L, 200L, null))
                .buildClient().getBlobContainerClient(name);
        write("warehouse/sales/part-0.parquet", "p0");
        write("warehouse/sales/part-1.parquet", "p1-longer");
        write("warehouse/readme.md", "readme");
        write("top.txt", "t");
        fileSystem.createDirectory("empty");
    }

    @Test
    void flatListingHasEveryPathDirectoriesIncludedInNameOrder() {
        final Map<String, BlobItem> listed = new TreeMap<>();
        for (final BlobItem item : container.listBlobs(new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveMetadata(true)), null)) {
            listed.put(item.getName(), item);
        }
        assertEquals(List.of("empty", "top.txt", "warehouse", "warehouse/readme.md", "warehouse/sales",
                "warehouse/sales/part-0.parquet", "warehouse/sales/part-1.parquet"), new ArrayList<>(listed.keySet()));
        assertEquals(9, listed.get("warehouse/sales/part-1.parquet").getProperties().getContentLength());
        assertEquals("true", listed.get("warehouse/sales").getMetadata().get("hdi_isfolder"), "a directory is a blob marked as a folder");
        final Map<String, String> fileMetadata = listed.get("top.txt").getMetadata();
        assertTrue(fileMetadata == null || !fileMetadata.containsKey("hdi_isfolder"), "a file is no folder: " + fileMetadata);
    }

    @Test
    void hierarchicalListingGroupsWhatIsBelowADelimiter() {
        final List<String> top = new ArrayList<>();
        for (final BlobItem item : container.listBlobsByHierarchy("/", new ListBlobsOptions(), null)) {
            top.add(item.getName() + (Boolean.TRUE.equals(item.isPrefix()) ? " (prefix)" : ""));
        }
        assertEquals(List.of("empty", "top.txt", "warehouse", "warehouse/ (prefix)"), top);

        final List<String> below = new ArrayList<>();
        for (final BlobItem item : container.listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix("warehouse/"), null)) {
            below.add(item.getName() + (Boolean.TRUE.equals(item.isPrefix()) ? " (prefix)" : ""));
        }
        assertEquals(List.of("warehouse/readme.md", "warehouse/sales", "warehouse/sales/ (prefix)"), below);
    }

    @Test
    void pagesFollowTheMarkerUntilTheListingIsComplete() {
        final List<String> names = new ArrayList<>();
        int pages = 0;
        for (final PagedResponse<BlobItem> page : container.listBlobs(new ListBlobsOptions().setMaxResultsPerPage(2), null).iterableByPage()) {
            pages++;
            assertTrue(page.getValue().size() <= 2);
            page.getValue().forEach(item -> names.add(item.getName()));
        }
        assertEquals(4, pages);
        assertEquals(7, names.size());
        assertEquals(List.of("warehouse/sales/part-0.parquet", "warehouse/sales/part-1.parquet"),
                container.listBlobs(new ListBlobsOptions().setPrefix("warehouse/sales/"), Duration.ofSeconds(30)).stream()
                        .map(BlobItem::getName).toList());
    }

    @Test
    void aMissingContainerIsNotFound() {
        final BlobContainerClient missing = container.getServiceClient().getBlobContainerClient("no-such-container");
        final BlobStorageException e = assertThrows(BlobStorageException.class, () -> missing.listBlobs().iterator().hasNext());
        assertEquals(404, e.getStatusCode());
        assertEquals("ContainerNotFound", e.getErrorCode().toString());
    }

    private void write(final String path, final String content) {
        final DataLakeFileClient file = fileSystem.createFile(path, true);
        file.upload(BinaryData.fromString(content), true);
    }
}
