package io.nififusion.testkit.adls;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two writers on one path without leases, each with its own SDK client. The service does not support concurrent writes
 * to one file and cannot tell writers apart; the emulator commits nothing that two writers staged differently.
 */
class AdlsEmulatorConcurrentWritersIT {

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private DataLakeFileSystemClient writerA;
    private DataLakeFileSystemClient writerB;

    @BeforeEach
    void createFileSystem(final TestInfo testInfo) {
        final String name = testInfo.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        writerA = EmulatorClients.sharedKey(ADLS.getEmulator()).createFileSystem(name.substring(0, Math.min(40, name.length())));
        writerB = EmulatorClients.sharedKey(ADLS.getEmulator()).getFileSystemClient(writerA.getFileSystemName());
    }

    private static void assertInvalidFlushPosition(final DataLakeFileClient file, final long position) {
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class, () -> file.flush(position, true));
        assertEquals(400, e.getStatusCode());
        assertEquals("InvalidFlushPosition", e.getErrorCode());
    }

    @Test
    void overwritingCreateDiscardsTheOtherWritersUncommittedAppends() {
        final DataLakeFileClient first = writerA.createFile("shared.bin");
        first.append(BinaryData.fromString("first"), 0);
        final DataLakeFileClient second = writerB.createFile("shared.bin", true);

        assertInvalidFlushPosition(first, 5);
        assertEquals(0, second.getProperties().getFileSize());
        second.append(BinaryData.fromString("second"), 0);
        second.flush(6, true);
        assertEquals("second", EmulatorClients.readString(first));
    }

    @Test
    void flushWithTheEtagOfTheReplacedFileFails() {
        final DataLakeFileClient first = writerA.createFile("guarded.bin");
        final String etag = first.getProperties().getETag();
        first.append(BinaryData.fromString("x"), 0);
        writerB.createFile("guarded.bin", true);
        first.append(BinaryData.fromString("x"), 0);
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class, () -> first.flushWithResponse(1, false,
                true, null, new DataLakeRequestConditions().setIfMatch(etag), null, Context.NONE));
        assertEquals(412, e.getStatusCode());
        assertEquals(0, first.getProperties().getFileSize());
    }

    @Test
    void differentBytesAppendedAtOnePositionCannotBeFlushedByEitherWriter() {
        final DataLakeFileClient first = writerA.createFile("contested.bin");
        final DataLakeFileClient second = writerB.getFileClient("contested.bin");
        first.append(BinaryData.fromString("aaaa"), 0);
        second.append(BinaryData.fromString("bbbb"), 0);

        assertInvalidFlushPosition(first, 4);
        assertInvalidFlushPosition(second, 4);
        assertEquals(0, first.getProperties().getFileSize());
    }

    @Test
    void theSameBytesAppendedTwiceAtOnePositionAreOneRetriedAppend() {
        final DataLakeFileClient file = writerA.createFile("retried.bin");
        file.append(BinaryData.fromString("same"), 0);
        writerB.getFileClient("retried.bin").append(BinaryData.fromString("same"), 0);
        file.flush(4, true);
        assertEquals("same", EmulatorClients.readString(file));
    }

    @Test
    void overlappingUncommittedRangesCannotBeFlushed() {
        final DataLakeFileClient first = writerA.createFile("overlap.bin");
        first.append(BinaryData.fromString("aaaa"), 0);
        writerB.getFileClient("overlap.bin").append(BinaryData.fromString("bbbb"), 2);

        assertInvalidFlushPosition(first, 4);
        assertInvalidFlushPosition(first, 6);
        first.flushWithResponse(0, false, true, null, null, null, Context.NONE);
        first.append(BinaryData.fromString("cccc"), 0);
        first.flush(4, true);
        assertEquals("cccc", EmulatorClients.readString(first), "a flush without retained data dropped both ranges");
    }

    @Test
    void disjointAppendsOfTwoWritersAreContiguousDataToTheService() {
        // Nothing tells writers apart without a lease: ranges that tile are committed, as the service would
        final DataLakeFileClient first = writerA.createFile("interleaved.bin");
        first.append(BinaryData.fromString("left"), 0);
        writerB.getFileClient("interleaved.bin").append(BinaryData.fromString("right"), 4);
        first.flush(9, true);
        assertEquals("leftright", EmulatorClients.readString(first));
    }

    @Test
    void flushNotCoveredContiguouslyAndAppendBelowTheCommittedLengthFail() {
        final DataLakeFileClient first = writerA.createFile("raced.bin");
        final DataLakeFileClient second = writerB.getFileClient("raced.bin");
        first.append(BinaryData.fromString("0123"), 0);
        second.append(BinaryData.fromString("89"), 8);
        assertInvalidFlushPosition(second, 10);
        first.flush(4, true);
        assertInvalidFlushPosition(second, 2);

        final DataLakeStorageException below = assertThrows(DataLakeStorageException.class,
                () -> second.append(BinaryData.fromString("zz"), 2));
        assertEquals(400, below.getStatusCode());
        assertEquals("InvalidFlushPosition", below.getErrorCode());
        assertEquals("0123", EmulatorClients.readString(second));
    }
}
