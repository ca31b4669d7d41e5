package io.nififusion.core.http;

import com.azure.core.http.HttpClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.common.policy.RequestRetryOptions;
import io.nififusion.core.copy.ReplicationErrorClassifier;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.adls.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's clients over {@link JdkHttpTransport}: what reaches the wire, streamed reads, and how an unreachable target fails. */
class JdkHttpTransportIT {
    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static DataLakeFileSystemClient fileSystem;

    @BeforeAll
    static void createFileSystem() {
        fileSystem = client(ADLS.getEmulator().getEndpoint()).getFileSystemClient("transport");
        fileSystem.createIfNotExists();
    }

    @Test
    void theSdkFindsThisTransportWhenGivenNone() {
        assertInstanceOf(JdkHttpTransport.class, HttpClient.createDefault());
    }

    @Test
    void bodiesGoWithTheirLengthNeverChunkedAndReadsStreamBackEveryByte() {
        final byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(content);
        final DataLakeFileClient file = fileSystem.getFileClient("dir/transport.bin");
        ADLS.getEmulator().clearRequestLog();

        file.create(true);
        file.append(BinaryData.fromBytes(content), 0);
        file.flush(content.length, true);

        final List<RecordedRequest> appends = ADLS.getEmulator().requestLog().stream()
                .filter(request -> request.hasQueryParameter("action") && request.query().contains("action=append")).toList();
        assertEquals(1, appends.size());
        assertEquals(Integer.toString(content.length), appends.getFirst().header("Content-Length"));
        assertNull(appends.getFirst().header("Transfer-Encoding"));
        final ByteArrayOutputStream read = new ByteArrayOutputStream();
        file.read(read);
        assertArrayEquals(content, read.toByteArray());
        assertTrue(file.exists());
    }

    @Test
    void anUnreachableTargetIsAConnectionFailureOfTheTarget() {
        final AdlsEmulator emulator = ADLS.getEmulator();
        final DataLakeFileSystemClient unreachable = new DataLakeServiceClientBuilder()
                .endpoint("http://127.0.0.1:1/" + emulator.getAccountName())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .retryOptions(new RequestRetryOptions(null, 1, (Integer) null, null, null, null))
                .buildClient().getFileSystemClient("transport");

        final RuntimeException failure = assertThrows(RuntimeException.class, () -> unreachable.getFileClient("x").create());

        final ReplicationException classified = new ReplicationErrorClassifier("Account Key").classify(failure, "Creating x");
        assertEquals(ReplicationErrorCode.TARGET_CONNECTION_FAILED, classified.getCode(), classified.getMessage());
        assertTrue(classified.isTransient());
    }

    private static com.azure.storage.file.datalake.DataLakeServiceClient client(final String endpoint) {
        final AdlsEmulator emulator = ADLS.getEmulator();
        return new DataLakeServiceClientBuilder().endpoint(endpoint)
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient();
    }
}
