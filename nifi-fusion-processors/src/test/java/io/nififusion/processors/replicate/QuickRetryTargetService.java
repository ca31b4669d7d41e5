package io.nififusion.processors.replicate;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.testkit.adls.AdlsEmulator;
import org.apache.nifi.controller.AbstractControllerService;

/**
 * A target service for fault tests: the real SDK against the emulator, but with a retry policy that gives up after one
 * try, so injected faults reach the processor at once instead of after the SDK's own exponential back-off.
 */
final class QuickRetryTargetService extends AbstractControllerService implements FusionTargetService {
    private final AdlsEmulator emulator;
    private final String fileSystemName;
    private final TargetPathMapper pathMapper;

    QuickRetryTargetService(final AdlsEmulator emulator, final String fileSystemName, final TargetPathMapper pathMapper) {
        this.emulator = emulator;
        this.fileSystemName = fileSystemName;
        this.pathMapper = pathMapper;
    }

    @Override
    public DataLakeFileSystemClient getFileSystemClient() {
        return new DataLakeServiceClientBuilder()
                .endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, 30, 50L, 50L, null))
                .buildClient()
                .getFileSystemClient(fileSystemName);
    }

    @Override
    public TargetPathMapper getPathMapper() {
        return pathMapper;
    }

    @Override
    public String getAccountName() {
        return emulator.getAccountName();
    }

    @Override
    public String getFileSystemName() {
        return fileSystemName;
    }

    @Override
    public String getTransitUri(final String targetPath) {
        return emulator.getEndpoint() + "/" + fileSystemName + "/" + targetPath;
    }

    @Override
    public String getAuthenticationMode() {
        return "Account Key";
    }

    @Override
    public String discoverHiveMetastoreUris() {
        throw new IllegalStateException("This target names no HDInsight cluster");
    }

    @Override
    public String getLicenseProblem() {
        return null;
    }
}
