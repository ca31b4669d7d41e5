package io.nififusion.services.target;

import com.azure.core.credential.AzureSasCredential;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

import java.util.Locale;

/** A Shared Access Signature appended to every request; kept without its leading {@code ?}. */
public record SasTokenCredentials(String sasToken) implements StorageCredentials {
    private static final String PROPERTY = "SAS Token";

    public SasTokenCredentials {
        sasToken = InvalidCredentialsException.required(sasToken, PROPERTY, AuthenticationMode.SAS_TOKEN.getDisplayName()).replaceFirst("^\\?", "");
        if (!sasToken.toLowerCase(Locale.ROOT).contains("sig=")) {
            throw new InvalidCredentialsException(PROPERTY, "SAS Token has no signature (sig=...): give the whole query string of the SAS");
        }
    }

    @Override
    public AuthenticationMode mode() {
        return AuthenticationMode.SAS_TOKEN;
    }

    @Override
    public void applyTo(final DataLakeServiceClientBuilder builder, final StorageEndpoint endpoint, final HttpConnectionSettings connections,
                        final int tries) {
        builder.credential(new AzureSasCredential(sasToken));
    }

    @Override
    public String toString() {
        return "SasTokenCredentials[]";
    }
}
