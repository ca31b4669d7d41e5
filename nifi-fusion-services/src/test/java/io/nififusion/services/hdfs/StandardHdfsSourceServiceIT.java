package io.nififusion.services.hdfs;

import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.state.MockStateManager;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.MockValidationContext;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardHdfsSourceServiceIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    @TempDir
    java.nio.file.Path temporaryDirectory;

    private TestRunner runner;
    private StandardHdfsSourceService service;
    private String configurationFile;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = new StandardHdfsSourceService();
        runner.addControllerService("hdfs-source", service);
        configurationFile = HDFS.writeClientConfiguration(temporaryDirectory).toString();
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, configurationFile);
    }

    @AfterEach
    void tearDown() {
        if (runner.isControllerServiceEnabled(service)) {
            runner.disableControllerService(service);
        }
    }

    @Test
    void actsAsTheRemoteUserWithoutSuperuserRights() throws Exception {
        HDFS.mkdirs("/home/bob");
        HDFS.getFileSystem().setOwner(new Path("/home/bob"), "bob", "bob");
        HDFS.mkdirs("/private");
        HDFS.getFileSystem().setPermission(new Path("/private"), new FsPermission((short) 0700));
        runner.setProperty(service, StandardHdfsSourceService.REMOTE_USER, "bob");
        runner.enableControllerService(service);

        service.execute(fileSystem -> {
            try (FSDataOutputStream out = fileSystem.create(new Path("/home/bob/report.csv"))) {
                out.write("a,b\n".getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
        final FileStatus written = HDFS.getFileSystem().getFileStatus(new Path("/home/bob/report.csv"));
        assertEquals("bob", written.getOwner());
        assertEquals(4, written.getLen());
        assertThrows(AccessControlException.class, () -> service.execute(fileSystem -> fileSystem.listStatus(new Path("/private"))));
    }

    @Test
    void asksForCompositeCrcChecksums() throws Exception {
        runner.enableControllerService(service);
        assertEquals("COMPOSITE_CRC", service.getConfiguration().get("dfs.checksum.combine.mode"));
        HDFS.write("/checksums/one.txt", "one".getBytes(StandardCharsets.UTF_8));
        final String algorithm = service.execute(fileSystem -> fileSystem.getFileChecksum(new Path("/checksums/one.txt")).getAlgorithmName());
        assertEquals("COMPOSITE-CRC32C", algorithm);
    }

    @Test
    void verifyPassesEveryStepForTheSuperuser() throws IOException {
        HDFS.mkdirs("/snapshottable");
        HDFS.getAdmin().allowSnapshot(new Path("/snapshottable"));
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertEquals(List.of("Load Hadoop Configuration", "Authenticate", "List Root Directory", "Change Capture Modes"),
                results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        for (final ConfigVerificationResult result : results) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), result.getExplanation());
        }
        assertTrue(results.get(0).getExplanation().contains(HDFS.getUri().toString()), results.get(0).getExplanation());
        final String modes = results.get(3).getExplanation();
        assertTrue(modes.contains("every Change Capture Mode"), modes);
        assertTrue(modes.contains("inotify is permitted"), modes);
        assertTrue(modes.contains("/snapshottable"), modes);
    }

    @Test
    void verifyTellsAUserThatIsNotASuperuserWhichCaptureModesItCanRun() throws IOException {
        HDFS.mkdirs("/carol-owned");
        HDFS.getFileSystem().setOwner(new Path("/carol-owned"), "carol", "carol");
        HDFS.getAdmin().allowSnapshot(new Path("/carol-owned"));
        HDFS.mkdirs("/someone-elses");
        HDFS.getAdmin().allowSnapshot(new Path("/someone-elses"));
        runner.setProperty(service, StandardHdfsSourceService.REMOTE_USER, "carol");
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        for (final ConfigVerificationResult result : results) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), "a valid setup without superuser rights: " + result.getExplanation());
        }
        final ConfigVerificationResult modes = results.get(3);
        assertEquals("Change Capture Modes", modes.getVerificationStepName());
        assertTrue(modes.getExplanation().startsWith("User carol can run ListHDFSChanges in Change Capture Mode scan-only"), modes.getExplanation());
        assertTrue(modes.getExplanation().contains("snapshot-diff on the snapshottable directories it owns (/carol-owned)"), modes.getExplanation());
        assertFalse(modes.getExplanation().contains("/someone-elses"), modes.getExplanation());
        assertTrue(modes.getExplanation().contains("not inotify: inotify is not permitted for user carol"), modes.getExplanation());
    }

    @Test
    void verifySkipsWhatAnUnreachableNameNodeLeavesUnchecked() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        final java.nio.file.Path coreSite = temporaryDirectory.resolve("unreachable-site.xml");
        Files.writeString(coreSite, "<?xml version=\"1.0\"?><configuration>"
                + "<property><name>fs.defaultFS</name><value>hdfs://127.0.0.1:" + closedPort + "</value></property>"
                + "<property><name>ipc.client.connect.max.retries</name><value>0</value></property>"
                + "</configuration>");
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, coreSite.toString());
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertEquals(List.of(ConfigVerificationResult.Outcome.SUCCESSFUL, ConfigVerificationResult.Outcome.SUCCESSFUL,
                        ConfigVerificationResult.Outcome.FAILED, ConfigVerificationResult.Outcome.SKIPPED),
                results.stream().map(ConfigVerificationResult::getOutcome).toList(), results.toString());
        assertTrue(results.get(2).getExplanation().contains("127.0.0.1:" + closedPort), results.get(2).getExplanation());
        assertEquals("Skipped: List Root Directory failed", results.get(3).getExplanation());
    }

    @Test
    void verifySkipsEveryStepAfterAConfigurationWithoutTheSourceCluster() throws Exception {
        final java.nio.file.Path coreSite = writeConfiguration("core-site.xml", "fs.defaultFS", "file:///");
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, coreSite.toString());
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertEquals(List.of(ConfigVerificationResult.Outcome.FAILED, ConfigVerificationResult.Outcome.SKIPPED, ConfigVerificationResult.Outcome.SKIPPED,
                        ConfigVerificationResult.Outcome.SKIPPED),
                results.stream().map(ConfigVerificationResult::getOutcome).toList(), results.toString());
        assertTrue(results.get(0).getExplanation().contains("fs.defaultFS is not set to the source cluster"), results.get(0).getExplanation());
        assertEquals("Skipped: Load Hadoop Configuration failed", results.get(1).getExplanation());
    }

    @Test
    void disablingClosesTheFileSystem() throws Exception {
        runner.enableControllerService(service);
        final FileSystem fileSystem = service.getFileSystem();
        final boolean rootExists = service.execute(fs -> fs.exists(new Path("/")));
        assertTrue(rootExists);
        runner.disableControllerService(service);

        assertThrows(IOException.class, () -> fileSystem.exists(new Path("/")));
        assertThrows(IllegalStateException.class, () -> service.execute(fs -> fs.exists(new Path("/"))));
    }

    @Test
    void rejectsAMissingConfigurationFile() {
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, temporaryDirectory.resolve("absent-site.xml").toString());
        runner.assertNotValid(service);
    }

    @Test
    void rejectsADefaultFileSystemThatIsNotHdfs() throws Exception {
        final java.nio.file.Path coreSite = writeConfiguration("core-site.xml", "fs.defaultFS", "s3a://bucket");
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, coreSite.toString());
        final ValidationResult problem = onlyProblem();
        assertEquals("Hadoop Configuration Resources", problem.getSubject());
        assertTrue(problem.getExplanation().contains("hdfs:// or viewfs://"), problem.getExplanation());
    }

    @Test
    void rejectsKerberosConfigurationWithoutAKerberosUserService() throws Exception {
        final java.nio.file.Path coreSite = writeConfiguration("core-site.xml", "hadoop.security.authentication", "kerberos");
        runner.setProperty(service, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, configurationFile + "," + coreSite);
        final ValidationResult problem = onlyProblem();
        assertEquals("Kerberos User Service", problem.getSubject());
        assertTrue(problem.getExplanation().contains("hadoop.security.authentication=kerberos"), problem.getExplanation());
    }

    private ValidationResult onlyProblem() {
        runner.assertNotValid(service);
        final MockProcessContext serviceContext = new MockProcessContext(service, (MockProcessContext) runner.getProcessContext(),
                new MockStateManager(service), Map.of());
        final List<ValidationResult> problems = service.validate(new MockValidationContext(serviceContext)).stream()
                .filter(result -> !result.isValid())
                .toList();
        assertEquals(1, problems.size(), problems.toString());
        assertFalse(problems.get(0).isValid());
        return problems.get(0);
    }

    private java.nio.file.Path writeConfiguration(final String fileName, final String name, final String value) throws IOException {
        final java.nio.file.Path file = temporaryDirectory.resolve(fileName);
        Files.writeString(file, "<?xml version=\"1.0\"?><configuration><property><name>" + name + "</name><value>" + value
                + "</value></property></configuration>");
        return file;
    }
}
