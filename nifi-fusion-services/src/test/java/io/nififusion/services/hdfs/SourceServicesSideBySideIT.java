package io.nififusion.services.hdfs;

import io.nififusion.testkit.hdfs.KerberizedMiniDfsExtension;
import io.nififusion.testkit.kerberos.KeytabUserService;
import io.nififusion.testkit.hdfs.MiniDfsProcessExtension;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Source services of two Kerberos principals and two without Kerberos in one JVM, as two source clusters in one NiFi:
 * Hadoop's login state is JVM-wide, so each service must run as its own user, and one without Kerberos must not switch
 * Hadoop security off for the others. The cluster without Kerberos runs in a JVM of its own (Hadoop's security switch
 * cannot differ between two clusters of one JVM); this JVM holds only its clients, like a NiFi. Its own surefire fork,
 * since the Kerberized cluster changes process-wide Hadoop state.
 */
class SourceServicesSideBySideIT {
    private static final String PROCESS_USER = System.getProperty("user.name");

    @RegisterExtension
    @Order(1)
    static final KerberizedMiniDfsExtension SECURE = new KerberizedMiniDfsExtension();

    @RegisterExtension
    @Order(2)
    static final MiniDfsProcessExtension PLAIN = MiniDfsProcessExtension.builder()
            .directory("/projects/carol", "carol", "700")
            .directory("/projects/restricted", PROCESS_USER, "700")
            .build();

    @TempDir
    java.nio.file.Path temporaryDirectory;

    private TestRunner runner;
    private final List<StandardHdfsSourceService> enabled = new ArrayList<>();
    private static File bobKeytab;
    private String secureConfiguration;

    @BeforeAll
    static void createSecureDirectories() throws Exception {
        bobKeytab = SECURE.createPrincipal("bob");
        SECURE.createDirectory("/secure/alice", KerberizedMiniDfsExtension.USER, (short) 0700);
        SECURE.createDirectory("/secure/bob", "bob", (short) 0700);
    }

    @BeforeEach
    void setUp() throws Exception {
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        secureConfiguration = SECURE.writeClientConfiguration(temporaryDirectory).toString();
    }

    @AfterEach
    void tearDown() {
        for (final StandardHdfsSourceService service : enabled) {
            runner.disableControllerService(service);
        }
    }

    @Test
    void kerberosAndSimpleSourcesWorkSideBySideEachAsItsOwnUser() throws Exception {
        // alice connects only after two sources without Kerberos were enabled: they must not have switched Hadoop
        // security off for her
        final StandardHdfsSourceService alice = kerberosService("alice", SECURE.getUserPrincipal(), SECURE.getUserKeytab());
        final StandardHdfsSourceService processUser = simpleService("process-user", null);
        final StandardHdfsSourceService carol = simpleService("carol", "carol");
        write(alice, "/secure/alice/a.txt", "alice's");
        final StandardHdfsSourceService bob = kerberosService("bob", "bob@" + SECURE.getRealm(), bobKeytab);
        write(bob, "/secure/bob/b.txt", "bob's");
        write(carol, "/projects/carol/c.txt", "carol's");
        write(processUser, "/projects/restricted/r.txt", "the process user's");

        assertEquals(KerberizedMiniDfsExtension.USER, owner(alice, "/secure/alice/a.txt"));
        assertEquals("bob", owner(bob, "/secure/bob/b.txt"));
        assertEquals("carol", owner(carol, "/projects/carol/c.txt"));
        assertEquals(PROCESS_USER, owner(processUser, "/projects/restricted/r.txt"), "without a Remote User, the user running NiFi");

        // each sees only what its own permissions allow
        assertThrows(AccessControlException.class, () -> alice.execute(fileSystem -> fileSystem.listStatus(new Path("/secure/bob"))));
        assertThrows(AccessControlException.class, () -> bob.execute(fileSystem -> fileSystem.listStatus(new Path("/secure/alice"))));
        assertThrows(AccessControlException.class, () -> carol.execute(fileSystem -> fileSystem.listStatus(new Path("/projects/restricted"))));
        assertEquals("carol's", read(processUser, "/projects/carol/c.txt"), "the process user is the superuser of the cluster it started");

        // none runs as the JVM's login user, the Kerberized NameNode's service principal
        final UserGroupInformation loginUser = UserGroupInformation.getLoginUser();
        assertTrue(loginUser.getUserName().startsWith("hdfs/"), loginUser.getUserName());
        for (final StandardHdfsSourceService service : List.of(alice, bob, carol, processUser)) {
            assertNotEquals(loginUser, service.getUserGroupInformation());
        }
        assertEquals(List.of(KerberizedMiniDfsExtension.USER, "bob", "carol", PROCESS_USER),
                List.of(alice.getUserGroupInformation().getShortUserName(), bob.getUserGroupInformation().getShortUserName(),
                        carol.getUserGroupInformation().getShortUserName(), processUser.getUserGroupInformation().getShortUserName()));

        // a Kerberos source enabled after the others logs in and connects as its own principal
        final StandardHdfsSourceService aliceAgain = kerberosService("alice-again", SECURE.getUserPrincipal(), SECURE.getUserKeytab());
        assertEquals("alice's", read(aliceAgain, "/secure/alice/a.txt"));
        assertEquals("bob's", read(bob, "/secure/bob/b.txt"));
        assertEquals("carol's", read(carol, "/projects/carol/c.txt"));
    }

    @Test
    void verifyOfEachSourceNamesItsOwnUserAndModes() throws Exception {
        final StandardHdfsSourceService bob = kerberosService("bob", "bob@" + SECURE.getRealm(), bobKeytab);
        final StandardHdfsSourceService carol = simpleService("carol", "carol");
        for (final StandardHdfsSourceService service : List.of(bob, carol)) {
            runner.disableControllerService(service);
            enabled.remove(service);
        }
        final List<ConfigVerificationResult> bobResults = runner.verify(bob, Map.of());
        final List<ConfigVerificationResult> carolResults = runner.verify(carol, Map.of());
        for (final ConfigVerificationResult result : bobResults) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), result.getVerificationStepName() + ": " + result.getExplanation());
        }
        for (final ConfigVerificationResult result : carolResults) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), result.getVerificationStepName() + ": " + result.getExplanation());
        }
        assertTrue(bobResults.get(3).getExplanation().startsWith("User bob "), bobResults.get(3).getExplanation());
        assertTrue(bobResults.get(3).getExplanation().contains("not inotify"), bobResults.get(3).getExplanation());
        assertTrue(carolResults.get(3).getExplanation().startsWith("User carol "), carolResults.get(3).getExplanation());
    }

    private StandardHdfsSourceService kerberosService(final String name, final String principal, final File keytab) throws Exception {
        final KeytabUserService kerberosUserService = new KeytabUserService();
        runner.addControllerService("kerberos-" + name, kerberosUserService);
        runner.setProperty(kerberosUserService, KeytabUserService.PRINCIPAL, principal);
        runner.setProperty(kerberosUserService, KeytabUserService.KEYTAB, keytab.getAbsolutePath());
        runner.enableControllerService(kerberosUserService);
        final StandardHdfsSourceService service = new StandardHdfsSourceService();
        runner.addControllerService("hdfs-" + name, service);
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, secureConfiguration);
        runner.setProperty(service, StandardHdfsSourceService.KERBEROS_USER_SERVICE, "kerberos-" + name);
        return enable(service);
    }

    private StandardHdfsSourceService simpleService(final String name, final String remoteUser) throws Exception {
        final StandardHdfsSourceService service = new StandardHdfsSourceService();
        runner.addControllerService("hdfs-" + name, service);
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, PLAIN.getClientConfiguration().toString());
        if (remoteUser != null) {
            runner.setProperty(service, StandardHdfsSourceService.REMOTE_USER, remoteUser);
        }
        return enable(service);
    }

    private StandardHdfsSourceService enable(final StandardHdfsSourceService service) {
        runner.enableControllerService(service);
        enabled.add(service);
        return service;
    }

    private static void write(final HdfsSourceService service, final String path, final String content) throws IOException {
        service.execute(fileSystem -> {
            try (FSDataOutputStream out = fileSystem.create(new Path(path))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
    }

    private static String read(final HdfsSourceService service, final String path) throws IOException {
        return service.execute(fileSystem -> {
            try (InputStream in = fileSystem.open(new Path(path))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }

    private static String owner(final HdfsSourceService service, final String path) throws IOException {
        final FileStatus status = service.execute(fileSystem -> fileSystem.getFileStatus(new Path(path)));
        return status.getOwner();
    }
}
