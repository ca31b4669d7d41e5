package io.nififusion.processors.kerberos;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.KerberizedMiniDfsExtension;
import io.nififusion.testkit.kerberos.KeytabUserService;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.PrivilegedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A copy and a listing that outlive several Kerberos tickets: the KDC issues tickets of {@link #TICKET_LIFETIME}, the
 * work runs for at least three of them, and the source service logs in again on its way. A ticket that cannot be
 * renewed (its keytab gone) stops the work with an error naming the principal, sends the record to retry, and the
 * same record copies once the keytab is back.
 * <p>
 * The client closes idle NameNode connections after 100 ms, so calls keep opening new ones, each authenticated with
 * the ticket the service holds at that moment: a stale ticket would fail them.
 */
class KerberosTicketRenewalIT {
    private static final Duration TICKET_LIFETIME = Duration.ofSeconds(3);
    private static final String FILESYSTEM = "kerberos";
    private static final int CHUNK = 256 * 1024;

    @RegisterExtension
    static final KerberizedMiniDfsExtension HDFS = KerberizedMiniDfsExtension.withTicketLifetime(TICKET_LIFETIME);

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    @TempDir
    static java.nio.file.Path directory;

    private static String configurationResources;
    private static DataLakeFileSystemClient target;
    private static UserGroupInformation superuser;
    private static FileSystem superuserFileSystem;

    @BeforeAll
    static void setUp() throws Exception {
        final java.nio.file.Path client = HDFS.writeClientConfiguration(directory.resolve("client"));
        final Configuration reconnecting = new Configuration(false);
        reconnecting.set("ipc.client.connection.maxidletime", "100");
        // the service sets the JVM's Hadoop security from this configuration: the cluster's own logins must still renew in time
        reconnecting.set("hadoop.kerberos.min.seconds.before.relogin", "1");
        final java.nio.file.Path override = directory.resolve("reconnecting-site.xml");
        try (OutputStream out = Files.newOutputStream(override)) {
            reconnecting.writeXml(out);
        }
        configurationResources = client + "," + override;
        target = FusionTestServices.createFileSystem(ADLS.getEmulator(), FILESYSTEM);
        HDFS.createUserDirectory("/user/alice");
        superuser = HDFS.loginSuperuser();
        superuserFileSystem = superuser.doAs((java.security.PrivilegedExceptionAction<FileSystem>) () ->
                FileSystem.newInstance(HDFS.getCluster().getURI(), new Configuration(HDFS.getCluster().getConfiguration(0))));
    }

    @AfterAll
    static void closeSuperuser() throws IOException {
        superuserFileSystem.close();
    }

    @Test
    void aSlowCopyOutlivesSeveralTicketsAndRenewsOnItsWay() throws Exception {
        // 13 chunks at 256 KB/s: at least 12 s once the throttle's one-second burst is spent, four lifetimes of a ticket
        final byte[] content = writeAsSuperuser("/user/alice/slow/big.bin", 13 * CHUNK, 1);
        final TestRunner runner = TestRunners.newTestRunner(ReplicateToADLS.class);
        final KeytabUserService kerberos = addKerberosUser(runner, HDFS.getUserPrincipal(), HDFS.getUserKeytab());
        final StandardHdfsSourceService source = addSource(runner);
        useTarget(runner, "/user/alice/slow", "slow");
        runner.setProperty(ReplicateToADLS.BANDWIDTH_LIMIT, "256 KB");
        final int loginsBefore = kerberos.getLogins();
        final Instant started = Instant.now();
        final Date firstTicketEnd = new Date(ticketOf(source).getEndTime().getTime());

        enqueue(runner, "/user/alice/slow/big.bin");
        runner.run(1, true, true);

        final Instant finished = Instant.now();
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        final MockFlowFile copied = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS).get(0);
        copied.assertAttributeEquals(OperationAttributes.RESULT, "copied");
        assertArrayEquals(content, read("slow/big.bin"));
        assertOutlivedThreeTickets(started, finished);
        assertTrue(kerberos.getLogins() - loginsBefore >= 3, "logins during the copy: " + (kerberos.getLogins() - loginsBefore));
        final Date lastTicketStart = ticketOf(source).getStartTime();
        assertTrue(!lastTicketStart.before(firstTicketEnd), "the service holds a ticket issued after the first expired: " + firstTicketEnd + " then " + lastTicketStart);
        assertEquals(HDFS.getUserPrincipal(), source.getUserGroupInformation().getUserName(), "the copy ran as the configured user");
    }

    @Test
    void aLiveListingOutlivesSeveralTicketsAndLosesNoEvent() throws Exception {
        // inotify needs the HDFS superuser: a principal of its own whose short name is the NameNode's user
        final String listingPrincipal = "hdfs@" + HDFS.getRealm();
        final File listingKeytab = HDFS.createPrincipal("hdfs");
        superuserFileSystem.mkdirs(new Path("/live"));
        final TestRunner runner = TestRunners.newTestRunner(ListHDFSChanges.class);
        final KeytabUserService kerberos = addKerberosUser(runner, listingPrincipal, listingKeytab);
        final StandardHdfsSourceService source = addSource(runner);
        runner.setProperty(ListHDFSChanges.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ListHDFSChanges.SOURCE_ROOTS, "/live");
        runner.setProperty(ListHDFSChanges.POLL_TIMEOUT, "200 ms");
        final int loginsBefore = kerberos.getLogins();
        final Instant started = Instant.now();

        // production goes on writing while the listing tails its changes, until the service has logged in four times
        final Set<String> written = new HashSet<>();
        final List<MockFlowFile> emitted = new ArrayList<>();
        for (int i = 0; i < 5_000 && (kerberos.getLogins() - loginsBefore < 4 || !outlivedThreeTickets(started, Instant.now())); i++) {
            final String path = "/live/file-" + i;
            writeAsSuperuser(path, 100, i);
            written.add(path);
            runner.run(1, false, i == 0);
            emitted.addAll(takeFlowFiles(runner));
        }
        for (int quiet = 0, i = 0; quiet < 2 && i < 100; i++) {
            runner.run(1, false, false);
            final List<MockFlowFile> more = takeFlowFiles(runner);
            quiet = more.isEmpty() ? quiet + 1 : 0;
            emitted.addAll(more);
        }
        runner.run(1, true, false);
        emitted.addAll(takeFlowFiles(runner));

        assertOutlivedThreeTickets(started, Instant.now());
        assertTrue(kerberos.getLogins() - loginsBefore >= 4, "logins during the listing: " + (kerberos.getLogins() - loginsBefore));
        final Set<String> listed = new HashSet<>();
        for (final MockFlowFile flowFile : emitted) {
            final ReplicationOperation operation = ReplicationOperation.fromAttributes(flowFile.getAttributes());
            if (operation.type() == OperationType.COPY) {
                listed.add(operation.path());
            }
        }
        final Set<String> missing = new HashSet<>(written);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), written.size() + " files written, no COPY record for " + missing);
        assertEquals(listingPrincipal, source.getUserGroupInformation().getUserName(), "the listing ran as its own principal, not the NameNode's");
    }

    @Test
    void aTicketThatCannotBeRenewedFailsNamingThePrincipalAndTheRecordCopiesOnceTheKeytabIsBack() throws Exception {
        // 6 chunks at 256 KB/s: the ticket of the login at enable time expires during the copy
        final byte[] content = writeAsSuperuser("/user/alice/expiry/data.bin", 6 * CHUNK, 2);
        final java.nio.file.Path keytab = directory.resolve("alice-copy.keytab");
        Files.copy(HDFS.getUserKeytab().toPath(), keytab, StandardCopyOption.REPLACE_EXISTING);
        final TestRunner runner = TestRunners.newTestRunner(ReplicateToADLS.class);
        final KeytabUserService kerberos = addKerberosUser(runner, HDFS.getUserPrincipal(), keytab.toFile());
        addSource(runner);
        useTarget(runner, "/user/alice/expiry", "expiry");
        runner.setProperty(ReplicateToADLS.BANDWIDTH_LIMIT, "256 KB");
        final java.nio.file.Path removed = directory.resolve("alice-copy.keytab.removed");
        Files.move(keytab, removed);

        enqueue(runner, "/user/alice/expiry/data.bin");
        runner.run(1, true, true);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_RETRY, 1);
        final MockFlowFile retried = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).get(0);
        retried.assertAttributeEquals(OperationAttributes.ERROR_CODE, ReplicationErrorCode.SOURCE_UNAVAILABLE.name());
        final String message = retried.getAttribute(OperationAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("Kerberos login of " + HDFS.getUserPrincipal() + " failed: its ticket expired"), message);
        assertTrue(message.contains("check the keytab"), message);
        assertEquals(null, readOrNull("expiry/data.bin"), "nothing at the final path");

        Files.move(removed, keytab);
        final int loginsBefore = kerberos.getLogins();
        runner.clearTransferState();
        runner.enqueue(new byte[0], retried.getAttributes());
        runner.run(1, true, true);

        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, 1);
        assertArrayEquals(content, read("expiry/data.bin"));
        assertTrue(kerberos.getLogins() > loginsBefore, "logged in again from the restored keytab");
    }

    private static KeytabUserService addKerberosUser(final TestRunner runner, final String principal, final File keytab) throws InitializationException {
        final KeytabUserService service = new KeytabUserService();
        runner.addControllerService("kerberos-user", service);
        runner.setProperty(service, KeytabUserService.PRINCIPAL, principal);
        runner.setProperty(service, KeytabUserService.KEYTAB, keytab.getAbsolutePath());
        runner.enableControllerService(service);
        return service;
    }

    private static StandardHdfsSourceService addSource(final TestRunner runner) throws InitializationException {
        final StandardHdfsSourceService source = new StandardHdfsSourceService();
        runner.addControllerService(FusionTestServices.SOURCE_SERVICE_ID, source);
        runner.setProperty(source, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, configurationResources);
        runner.setProperty(source, StandardHdfsSourceService.KERBEROS_USER_SERVICE, "kerberos-user");
        runner.enableControllerService(source);
        return source;
    }

    private static void useTarget(final TestRunner runner, final String sourceRoot, final String targetRoot) throws InitializationException {
        FusionTestServices.addTarget(runner, ADLS.getEmulator(), FILESYSTEM, sourceRoot, targetRoot);
        runner.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.CHUNK_SIZE, "256 KB");
        runner.setProperty(ReplicateToADLS.PARALLEL_CHUNKS, "1");
    }

    private static void enqueue(final TestRunner runner, final String path) throws IOException {
        final ReplicationOperation operation = OperationFactory.fromStatus(superuserFileSystem.getFileStatus(new Path(path)), ChangeSource.SCAN, -1);
        runner.enqueue(new byte[0], operation.toAttributes());
    }

    private static byte[] writeAsSuperuser(final String path, final int length, final long seed) throws IOException {
        superuser.checkTGTAndReloginFromKeytab();
        final byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        try (FSDataOutputStream out = superuserFileSystem.create(new Path(path))) {
            out.write(content);
        }
        return content;
    }

    private static KerberosTicket ticketOf(final StandardHdfsSourceService source) throws IOException {
        final Subject subject = source.getUserGroupInformation().doAs((PrivilegedAction<Subject>) Subject::current);
        return subject.getPrivateCredentials(KerberosTicket.class).stream()
                .filter(ticket -> ticket.getServer().getName().startsWith("krbtgt/"))
                .findFirst().orElseThrow(() -> new AssertionError("no ticket-granting ticket in the service's subject"));
    }

    private static List<MockFlowFile> takeFlowFiles(final TestRunner runner) {
        final List<MockFlowFile> flowFiles = new ArrayList<>(runner.getFlowFilesForRelationship(ListHDFSChanges.REL_SUCCESS));
        runner.clearTransferState();
        return flowFiles;
    }

    private static boolean outlivedThreeTickets(final Instant started, final Instant now) {
        return Duration.between(started, now).compareTo(TICKET_LIFETIME.multipliedBy(3)) >= 0;
    }

    /** A lower bound only: the work lasted at least three ticket lifetimes. */
    private static void assertOutlivedThreeTickets(final Instant started, final Instant finished) {
        assertTrue(outlivedThreeTickets(started, finished), "the work lasted " + Duration.between(started, finished) + ", less than three tickets of " + TICKET_LIFETIME);
    }

    private static byte[] read(final String targetPath) {
        final byte[] bytes = readOrNull(targetPath);
        assertTrue(bytes != null, targetPath + " missing at the target");
        return bytes;
    }

    private static byte[] readOrNull(final String targetPath) {
        if (!target.getFileClient(targetPath).exists()) {
            return null;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.getFileClient(targetPath).read(out);
        return out.toByteArray();
    }
}
