package io.nififusion.testkit.adls;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/** Real SDK clients for the emulator, with quick retries so fault tests stay fast. */
final class EmulatorClients {

    private EmulatorClients() {
    }

    static RequestRetryOptions quickRetries() {
        return new RequestRetryOptions(RetryPolicyType.FIXED, 4, 30, 50L, 200L, null);
    }

    static DataLakeServiceClient sharedKey(final AdlsEmulator emulator) {
        return sharedKey(emulator, quickRetries());
    }

    /** A client that tries each request once, so the caller sees what the first answer (or reset) was. */
    static DataLakeServiceClient sharedKeyWithoutRetries(final AdlsEmulator emulator) {
        return sharedKey(emulator, new RequestRetryOptions(RetryPolicyType.FIXED, 1, 30, 50L, 200L, null));
    }

    private static DataLakeServiceClient sharedKey(final AdlsEmulator emulator, final RequestRetryOptions retries) {
        return new DataLakeServiceClientBuilder()
                .endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .retryOptions(retries)
                .buildClient();
    }

    static byte[] readBytes(final DataLakeFileClient file) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.read(out);
        return out.toByteArray();
    }

    static String readString(final DataLakeFileClient file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(final int length, final long seed) {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] md5(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
