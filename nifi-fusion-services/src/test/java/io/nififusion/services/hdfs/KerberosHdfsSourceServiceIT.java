package io.nififusion.services.hdfs;

import io.nififusion.testkit.hdfs.KerberizedMiniDfsExtension;
import io.nififusion.testkit.kerberos.KeytabUserService;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a Kerberized HDFS and a real KDC; its own JVM, since the cluster's login changes process-wide Hadoop state. */
class KerberosHdfsSourceServiceIT {
    @RegisterExtension
    static final KerberizedMiniDfsExtension HDFS = new KerberizedMiniDfsExtension();

    @TempDir
    java.nio.file.Path temporaryDirectory;

    private TestRunner runner;
    private StandardHdfsSourceService service;
    private KeytabUserService kerberosUserService;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        kerberosUserService = new KeytabUserService();
        runner.addControllerService("kerberos-user", kerberosUserService);
        service = new StandardHdfsSourceService();
        runner.addControllerService("hdfs-source", service);
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, HDFS.writeClientConfiguration(temporaryDirectory).toString());
        runner.setProperty(service, StandardHdfsSourceService.KERBEROS_USER_SERVICE, "kerberos-user");
    }

    @Test
    void keytabLoginActsAsTheUserNotTheClusterSuperuser() throws Exception {
        HDFS.createUserDirectory("/user/alice");
        useKerberosUser(HDFS.getUserPrincipal(), HDFS.getUserKeytab());
        runner.enableControllerService(service);
        try {
            service.execute(fileSystem -> {
                try (FSDataOutputStream out = fileSystem.create(new Path("/user/alice/data.txt"))) {
                    out.write("secure".getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            final FileStatus status = service.execute(fileSystem -> fileSystem.getFileStatus(new Path("/user/alice/data.txt")));
            assertEquals(KerberizedMiniDfsExtension.USER, status.getOwner());
            assertEquals(6, status.getLen());
            assertEquals(KerberizedMiniDfsExtension.USER, service.getUserGroupInformation().getShortUserName());
            // A user who is not the superuser cannot read the edit log
            assertThrows(Exception.class, () -> service.execute(fileSystem ->
                    ((org.apache.hadoop.hdfs.DistributedFileSystem) fileSystem).getClient().getNamenode().getCurrentEditLogTxid()));
        } finally {
            runner.disableControllerService(service);
        }
        try (FileSystem superuser = HDFS.openSuperuserFileSystem()) {
            assertEquals("secure", new String(superuser.open(new Path("/user/alice/data.txt")).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void verifyAuthenticatesWithTheKeytab() {
        useKerberosUser(HDFS.getUserPrincipal(), HDFS.getUserKeytab());
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        final ConfigVerificationResult authenticate = results.get(1);
        assertEquals("Authenticate", authenticate.getVerificationStepName());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, authenticate.getOutcome(), authenticate.getExplanation());
        assertTrue(authenticate.getExplanation().contains(HDFS.getUserPrincipal()), authenticate.getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.get(2).getOutcome(), results.get(2).getExplanation());
        final ConfigVerificationResult modes = results.get(3);
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, modes.getOutcome(), "a valid setup for a user that is not a superuser: " + modes.getExplanation());
        assertTrue(modes.getExplanation().startsWith("User alice can run ListHDFSChanges in Change Capture Mode scan-only"), modes.getExplanation());
        assertTrue(modes.getExplanation().contains("not inotify: inotify is not permitted for user alice"), modes.getExplanation());
    }

    @Test
    void aPrincipalMissingFromTheKeytabFailsWithAClearMessage() {
        useKerberosUser("mallory@" + HDFS.getRealm(), HDFS.getUserKeytab());
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        final ConfigVerificationResult authenticate = results.get(1);
        assertEquals("Authenticate", authenticate.getVerificationStepName());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, authenticate.getOutcome());
        assertTrue(authenticate.getExplanation().contains("mallory@" + HDFS.getRealm()), authenticate.getExplanation());
        assertTrue(authenticate.getExplanation().contains("Unable to obtain password from user"), authenticate.getExplanation());
        assertEquals(List.of(ConfigVerificationResult.Outcome.SKIPPED, ConfigVerificationResult.Outcome.SKIPPED),
                results.subList(2, 4).stream().map(ConfigVerificationResult::getOutcome).toList(), "steps after a failed authentication");
    }

    private void useKerberosUser(final String principal, final File keytab) {
        runner.setProperty(kerberosUserService, KeytabUserService.PRINCIPAL, principal);
        runner.setProperty(kerberosUserService, KeytabUserService.KEYTAB, keytab.getAbsolutePath());
        runner.enableControllerService(kerberosUserService);
    }
}
