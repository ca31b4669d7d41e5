package io.nififusion.processors.common;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.verify.VerifyChecksum;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Read Target Root step of every Verify that reads the target, against the emulator through the real SDK. */
class TargetRootCheckIT {
    private static final String FILESYSTEM = "root-check";

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private static DataLakeFileSystemClient fileSystem;
    private TestRunner runner;
    private FusionTargetService target;

    @BeforeAll
    static void createFileSystem() {
        fileSystem = FusionTestServices.createFileSystem(ADLS.getEmulator(), FILESYSTEM);
        fileSystem.createDirectory("mirror/present");
        fileSystem.createFile("mirror/file.bin");
    }

    @BeforeEach
    void addTarget() throws Exception {
        runner = TestRunners.newTestRunner(VerifyChecksum.class);
        target = FusionTestServices.addTarget(runner, ADLS.getEmulator(), FILESYSTEM, "/data", "mirror");
    }

    @AfterEach
    void clearFaults() {
        ADLS.getEmulator().faults().clear();
    }

    @Test
    void aDirectoryOrFileThatIsThereIsReadable() {
        final ConfigVerificationResult directory = TargetRootCheck.read(target, "mirror/present", "unused", runner.getLogger());
        final ConfigVerificationResult file = TargetRootCheck.read(target, "mirror/file.bin", "unused", runner.getLogger());

        assertEquals(TargetRootCheck.STEP_READ_TARGET_ROOT, directory.getVerificationStepName());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, directory.getOutcome(), directory.getExplanation());
        assertTrue(directory.getExplanation().contains("directory " + target.getTransitUri("mirror/present")), directory.getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, file.getOutcome(), file.getExplanation());
        assertTrue(file.getExplanation().contains("file " + target.getTransitUri("mirror/file.bin")), file.getExplanation());
    }

    @Test
    void theFilesystemItselfIsListed() {
        final ConfigVerificationResult result = TargetRootCheck.read(target, "", "unused", runner.getLogger());

        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), result.getExplanation());
        assertTrue(result.getExplanation().contains("listable"), result.getExplanation());
    }

    @Test
    void nothingThereFailsWithWhatItMeansForTheProcessor() {
        final ConfigVerificationResult result = TargetRootCheck.read(target, "mirror/absent", "nothing to restore", runner.getLogger());

        assertEquals(ConfigVerificationResult.Outcome.FAILED, result.getOutcome());
        assertEquals("Nothing at target " + target.getTransitUri("mirror/absent") + ": nothing to restore", result.getExplanation());
    }

    @Test
    void aRefusedReadFailsNamingTheCredentialAndIsLogged() {
        ADLS.getEmulator().faults().onRequests("HEAD", "mirror/present", null).failNext(1, 403, "AuthorizationPermissionMismatch");

        final ConfigVerificationResult result = TargetRootCheck.read(target, "mirror/present", "unused", runner.getLogger());

        assertEquals(ConfigVerificationResult.Outcome.FAILED, result.getOutcome());
        assertTrue(result.getExplanation().contains("(" + target.getAuthenticationMode() + " credential)"), result.getExplanation());
        assertTrue(result.getExplanation().contains("DataLakeStorageException"), result.getExplanation());
        assertEquals(1, runner.getLogger().getErrorMessages().size());
    }
}
