package io.nififusion.core.listing;

import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.security.PrivilegedExceptionAction;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which change capture modes a superuser and an ordinary user can run, asked of a real NameNode. */
class CaptureModeProbeIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    private static FileSystem alice;

    @BeforeAll
    static void prepare() throws Exception {
        for (final String root : List.of("/alice-owned", "/others")) {
            HDFS.mkdirs(root);
            HDFS.getAdmin().allowSnapshot(new Path(root));
        }
        HDFS.getFileSystem().setOwner(new Path("/alice-owned"), "alice", "alice");
        HDFS.mkdirs("/plain");
        alice = UserGroupInformation.createRemoteUser("alice")
                .doAs((PrivilegedExceptionAction<FileSystem>) () -> FileSystem.newInstance(HDFS.getUri(), HDFS.getConfiguration()));
    }

    @AfterAll
    static void close() throws IOException {
        alice.close();
    }

    @Test
    void theSuperuserCanRunEveryMode() throws IOException {
        final String superuser = UserGroupInformation.getCurrentUser().getShortUserName();
        final CaptureModeProbe probe = new CaptureModeProbe(HDFS.getFileSystem(), superuser);
        final ModeAvailability inotify = probe.inotify();
        assertTrue(inotify.available(), inotify.explanation());
        assertTrue(inotify.explanation().startsWith("inotify is permitted for user " + superuser + "; the edit log is at transaction "), inotify.explanation());
        assertTrue(probe.snapshotDiff(List.of("/alice-owned", "/others")).available(), "a superuser takes snapshots of roots it does not own");
        assertTrue(probe.snapshottableDirectories().containsAll(List.of("/alice-owned", "/others")), probe.snapshottableDirectories().toString());
    }

    @Test
    void anOrdinaryUserRunsSnapshotDiffOnlyOnSnapshottableRootsItOwns() throws IOException {
        final CaptureModeProbe probe = new CaptureModeProbe(alice, "alice");
        final ModeAvailability inotify = probe.inotify();
        assertFalse(inotify.available());
        assertTrue(inotify.explanation().startsWith("inotify is not permitted for user alice: only HDFS superusers may read the edit log (NameNode said: "),
                inotify.explanation());
        assertTrue(probe.snapshotDiff(List.of("/alice-owned")).available());
        assertEquals(List.of("/alice-owned"), probe.snapshottableDirectories());

        final ModeAvailability elsewhere = probe.snapshotDiff(List.of("/alice-owned", "/others", "/plain", "/missing"));
        assertFalse(elsewhere.available());
        assertEquals(List.of(
                        "Source root /others is owned by " + HDFS.getFileSystem().getFileStatus(new Path("/others")).getOwner()
                                + ": HDFS lets only its owner or a superuser take its snapshots, not alice",
                        RootSnapshots.notSnapshottableMessage("/plain"),
                        "Source root /missing does not exist"),
                List.of(elsewhere.explanation().split("; ")));
    }
}
