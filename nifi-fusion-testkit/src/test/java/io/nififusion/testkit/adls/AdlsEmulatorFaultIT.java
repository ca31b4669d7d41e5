package io.nififusion.testkit.adls;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.PathHttpHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injected faults as the real SDK experiences them, the request log, and stored-byte corruption. */
class AdlsEmulatorFaultIT {

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private DataLakeFileSystemClient fileSystem;

    @BeforeEach
    void createFileSystem(final TestInfo testInfo) {
        final String name = testInfo.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        fileSystem = EmulatorClients.sharedKey(ADLS.getEmulator()).createFileSystem(name.substring(0, Math.min(40, name.length())));
        ADLS.getEmulator().clearRequestLog();
    }

    private DataLakeFileClient writeFile(final String path, final byte[] data) {
        final DataLakeFileClient file = fileSystem.createFile(path, true);
        file.append(BinaryData.fromBytes(data), 0);
        file.flushWithResponse(data.length, false, true, new PathHttpHeaders().setContentMd5(EmulatorClients.md5(data)), null, null, Context.NONE);
        return file;
    }

    @Test
    void serverBusyWithRetryAfterIsRetriedAndSucceeds() {
        final byte[] data = EmulatorClients.randomBytes(10_000, 3);
        ADLS.getEmulator().faults().onRequests("PATCH", "/retry\\.bin$", "action=append").failNext(2, 503, "ServerBusy");
        writeFile("retry.bin", data);
        assertArrayEquals(data, EmulatorClients.readBytes(fileSystem.getFileClient("retry.bin")));

        final List<RecordedRequest> appends = ADLS.getEmulator().requestLog().stream()
                .filter(r -> r.hasQueryParameter("action") && r.query().contains("action=append")).toList();
        assertEquals(List.of(503, 503, 202), appends.stream().map(RecordedRequest::status).toList());
        assertEquals("ServerBusy", appends.getFirst().errorCode());
        assertEquals(0, ADLS.getEmulator().faults().pendingFaults());
    }

    @Test
    void injectedStatusesReachTheCallerWhenNotRetried() {
        writeFile("locked.bin", new byte[] {1, 2, 3});
        ADLS.getEmulator().faults().onRequests("DELETE", "locked\\.bin", null).failNext(1, 409, "LeaseIdMissing");
        final DataLakeStorageException conflict = assertThrows(DataLakeStorageException.class,
                () -> fileSystem.getFileClient("locked.bin").delete());
        assertEquals(409, conflict.getStatusCode());
        assertEquals("LeaseIdMissing", conflict.getErrorCode());

        ADLS.getEmulator().faults().onRequests("HEAD", "locked\\.bin", null).failNext(1, 403, "AuthorizationPermissionMismatch");
        final DataLakeStorageException forbidden = assertThrows(DataLakeStorageException.class,
                () -> fileSystem.getFileClient("locked.bin").getProperties());
        assertEquals(403, forbidden.getStatusCode());
        assertTrue(fileSystem.getFileClient("locked.bin").exists());
    }

    @Test
    void internalErrorsBeyondRetriesFail() {
        ADLS.getEmulator().faults().onRequests("PUT", "/always-broken$", "resource=file").failNext(10, 500, "InternalError");
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class, () -> fileSystem.createFile("always-broken"));
        assertEquals(500, e.getStatusCode());
        assertEquals(4, ADLS.getEmulator().requestLog().stream().filter(r -> r.path().endsWith("/always-broken")).count(),
                "the client gave up after its four tries");
    }

    @Test
    void connectionResetWhileReadingRequestBodyIsRetried() {
        final byte[] data = EmulatorClients.randomBytes(200_000, 4);
        ADLS.getEmulator().faults().onRequests("PATCH", "/reset-request\\.bin$", "action=append").resetDuringRequestBody(1, 50_000);
        writeFile("reset-request.bin", data);
        assertArrayEquals(data, EmulatorClients.readBytes(fileSystem.getFileClient("reset-request.bin")));
        assertTrue(ADLS.getEmulator().requestLog().stream().anyMatch(r -> r.status() == -1));
    }

    @Test
    void connectionResetWhileSendingResponseBodyIsResumed() {
        final byte[] data = EmulatorClients.randomBytes(500_000, 5);
        final DataLakeFileClient file = writeFile("reset-response.bin", data);
        ADLS.getEmulator().faults().onRequests("GET", "/reset-response\\.bin$", null).resetDuringResponseBody(1, 100_000);
        final ByteArrayOutputStream read = new ByteArrayOutputStream();
        file.read(read);
        assertArrayEquals(data, read.toByteArray());
        assertTrue(ADLS.getEmulator().requestLog().stream().filter(r -> "GET".equals(r.method())).count() >= 2);
    }

    @Test
    void flushWhoseAnswerIsLostIsRetriedIdempotently() {
        final byte[] data = EmulatorClients.randomBytes(1000, 8);
        ADLS.getEmulator().faults().onRequests("PATCH", "/lost-answer\\.bin$", "action=flush").resetDuringResponseBody(1, 0);
        writeFile("lost-answer.bin", data);
        assertArrayEquals(data, EmulatorClients.readBytes(fileSystem.getFileClient("lost-answer.bin")));
        final List<Integer> flushes = ADLS.getEmulator().requestLog().stream()
                .filter(r -> r.query().contains("action=flush")).map(RecordedRequest::status).toList();
        assertEquals(List.of(-1, 200), flushes);
    }

    @Test
    void renameAppliedThenResetIsRetriedIntoSourcePathNotFound() {
        writeFile("moving/source.bin", new byte[] {1, 2, 3});
        ADLS.getEmulator().faults().onRequests("PUT", "/moved\\.bin$", null).resetAfterApplying(1);
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class,
                () -> fileSystem.getFileClient("moving/source.bin").rename(null, "moving/moved.bin"));
        assertEquals(404, e.getStatusCode(), "the retry finds the source already renamed");
        assertEquals("SourcePathNotFound", e.getErrorCode());
        assertFalse(fileSystem.getFileClient("moving/source.bin").exists());
        assertArrayEquals(new byte[] {1, 2, 3}, EmulatorClients.readBytes(fileSystem.getFileClient("moving/moved.bin")));
        assertEquals(List.of(-1, 404), statusesOf("PUT", "/moving/moved.bin"));
        assertEquals(0, ADLS.getEmulator().faults().pendingFaults());
    }

    @Test
    void flushAppliedThenResetCommitsAlthoughTheCallerSeesAReset() {
        final DataLakeFileSystemClient once = EmulatorClients.sharedKeyWithoutRetries(ADLS.getEmulator())
                .getFileSystemClient(fileSystem.getFileSystemName());
        final DataLakeFileClient file = once.createFile("committed.bin");
        file.append(BinaryData.fromString("abcdef"), 0);
        ADLS.getEmulator().faults().onRequests("PATCH", "/committed\\.bin$", "action=flush").resetAfterApplying(1);
        final RuntimeException reset = assertThrows(RuntimeException.class, () -> file.flush(6, true));
        assertFalse(reset instanceof DataLakeStorageException, "no answer reached the caller: " + reset);
        assertEquals(6, file.getProperties().getFileSize(), "the flush was applied");
        assertEquals("abcdef", EmulatorClients.readString(file));
        file.flush(6, true);
        assertEquals(List.of(-1, 200), statusesOf("PATCH", "/committed.bin").subList(1, 3), "a repeated flush is idempotent");
    }

    @Test
    void deleteAppliedThenResetIsRetriedIntoPathNotFound() {
        writeFile("doomed.bin", new byte[] {9});
        ADLS.getEmulator().faults().onRequests("DELETE", "/doomed\\.bin$", null).resetAfterApplying(1);
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class,
                () -> fileSystem.getFileClient("doomed.bin").delete());
        assertEquals(404, e.getStatusCode());
        assertEquals("PathNotFound", e.getErrorCode());
        assertFalse(ADLS.getEmulator().exists(fileSystem.getFileSystemName(), "doomed.bin"));
        assertEquals(List.of(-1, 404), statusesOf("DELETE", "/doomed.bin"));
    }

    private List<Integer> statusesOf(final String method, final String pathSuffix) {
        return ADLS.getEmulator().requestLog().stream()
                .filter(r -> method.equals(r.method()) && r.path().endsWith(pathSuffix)).map(RecordedRequest::status).toList();
    }

    @Test
    void latencyIsAdded() {
        final DataLakeFileClient file = writeFile("slow.bin", new byte[] {1});
        ADLS.getEmulator().faults().onRequests("HEAD", "/slow\\.bin$", null).addLatency(Duration.ofMillis(400), 1);
        final long start = System.nanoTime();
        file.getProperties();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 400);
    }

    @Test
    void corruptStoredBytesChangesContentButNotProperties() {
        final byte[] data = EmulatorClients.randomBytes(4096, 6);
        final DataLakeFileClient file = writeFile("corrupt.bin", data);
        final String etag = file.getProperties().getETag();
        ADLS.getEmulator().corruptStoredBytes(fileSystem.getFileSystemName(), "corrupt.bin", 100);
        final byte[] read = EmulatorClients.readBytes(file);
        assertEquals(data.length, read.length);
        assertNotEquals(data[100], read[100]);
        assertArrayEquals(Arrays.copyOfRange(data, 101, data.length), Arrays.copyOfRange(read, 101, read.length));
        assertEquals(etag, file.getProperties().getETag());
        assertArrayEquals(EmulatorClients.md5(data), file.getProperties().getContentMd5(), "stored MD5 still describes the original bytes");
        assertFalse(Arrays.equals(EmulatorClients.md5(data), EmulatorClients.md5(read)));
    }

    @Test
    void requestLogRecordsWhatTheSdkSent() {
        writeFile("dir/logged.bin", new byte[] {1, 2, 3});
        final List<RecordedRequest> log = ADLS.getEmulator().requestLog();
        final RecordedRequest create = log.getFirst();
        assertEquals("PUT", create.method());
        assertEquals("/" + ADLS.getEmulator().getAccountName() + "/" + fileSystem.getFileSystemName() + "/dir/logged.bin", create.path());
        assertTrue(create.query().contains("resource=file"));
        assertTrue(create.header("Authorization").startsWith("SharedKey "));
        assertEquals(201, create.status());
        final RecordedRequest flush = log.getLast();
        assertTrue(flush.query().contains("action=flush") && flush.query().contains("position=3"), flush.query());
        assertTrue(flush.header("x-ms-content-md5") != null);
        ADLS.getEmulator().clearRequestLog();
        assertTrue(ADLS.getEmulator().requestLog().isEmpty());
    }
}
