package io.nififusion.core.restore;

import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.checksum.SourceChecksum;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/** The checksum proof of a restored file, before it is made final; the sentence it returns says what agreed. */
final class RestoreProof {
    private final SourceAccess hdfs;

    RestoreProof(final SourceAccess hdfs) {
        this.hdfs = hdfs;
    }

    /**
     * The CRC32C of the bytes read must equal the one the target recorded (else its copy is damaged, and no retry helps),
     * and the COMPOSITE_CRC of what HDFS stored must equal it (else the write went wrong, and a retry does).
     */
    String prove(final String targetPath, final TargetVersion version, final long length, final Path temp, final boolean encrypted, final long readCrc)
            throws IOException, ReplicationException {
        final Long recorded = version == null ? null : version.crc32c();
        if (recorded != null && recorded != readCrc) {
            throw new ReplicationException(ReplicationErrorCode.CHECKSUM_MISMATCH, false, null, "The bytes of target " + targetPath
                    + " (CRC32C " + Crc32cFormat.format(readCrc) + ") differ from the CRC32C " + Crc32cFormat.format(recorded)
                    + " recorded when they were copied: the target copy is damaged; nothing restored", null);
        }
        final SourceChecksum stored = hdfs.execute(fileSystem -> SourceChecksum.read(fileSystem, temp, length, encrypted));
        if (stored.isAvailable() && stored.crc32c() != readCrc) {
            throw new ReplicationException(ReplicationErrorCode.CHECKSUM_MISMATCH, true, null, "HDFS stored other bytes (COMPOSITE_CRC "
                    + Crc32cFormat.format(stored.crc32c()) + ") than were read from " + targetPath + " (CRC32C " + Crc32cFormat.format(readCrc)
                    + "); nothing restored", null);
        }
        final String crc = Crc32cFormat.format(readCrc);
        if (recorded != null && stored.isAvailable()) {
            return "CRC32C " + crc + " recorded at the target, of the bytes read, and of the HDFS file (COMPOSITE_CRC) agree";
        }
        if (recorded != null) {
            return "CRC32C " + crc + " of the bytes read matches the one recorded at the target; HDFS gives no usable checksum: " + stored.unavailableReason();
        }
        if (stored.isAvailable()) {
            return "CRC32C " + crc + " of the bytes read matches the HDFS file (COMPOSITE_CRC); the target recorded none (not written by replication)";
        }
        return "unverified: the target recorded no CRC32C and HDFS gives no usable checksum (" + stored.unavailableReason() + ")";
    }
}
